package dev.crawler.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad local input: a clear message, the right exit code, and nothing half-written. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(TestConsoles.capturing(out, err, ""), args);
    }

    @Test
    void aHundredThousandLineSeedFileWithGarbageIsReadToTheEnd() throws Exception {
        wm.stubFor(
                get(urlPathMatching("/.*"))
                        .willReturn(
                                ok("<title>t</title>").withHeader("Content-Type", "text/html")));
        StringBuilder seeds = new StringBuilder("\uFEFF# seeds with a BOM\n");
        int garbage = 0;
        for (int i = 1; i < 100_000; i++) {
            if (i % 1000 == 0) {
                seeds.append("::garbage ").append(i).append('\n');
                garbage++;
            } else if (i % 7 == 0) {
                seeds.append(i % 2 == 0 ? "\n" : "# comment\n");
            } else {
                seeds.append("http://127.0.0.1:")
                        .append(wm.getPort())
                        .append("/p")
                        .append(i)
                        .append('\n');
            }
        }
        Path file = dir.resolve("seeds.txt");
        Files.writeString(file, seeds);
        Path output = dir.resolve("out.jsonl");

        int code =
                run(
                        "crawl",
                        "--seeds",
                        file.toString(),
                        "--out",
                        output.toString(),
                        "--quiet",
                        "--max-pages",
                        "20",
                        "--ignore-robots",
                        "--host-delay",
                        "0s");

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isZero();
        assertThat(stderr.lines().filter(l -> l.startsWith("warning: " + file + ":")))
                .hasSize(garbage);
        assertThat(stderr)
                .contains(file + ":1001: skipped '::garbage 1000'"); // line 1 is the header
        assertThat(stderr).contains("seed errors " + garbage);
        assertThat(Files.readAllLines(output)).hasSize(20);
        assertThat(dir.resolve("out.jsonl.part")).doesNotExist();
    }

    @Test
    void anUnwritableOutputIsAUsageErrorAndAnExistingOutputSurvivesABadConfig() throws Exception {
        Path aFile = Files.writeString(dir.resolve("plain-file"), "x");
        assertThat(
                        run(
                                "crawl",
                                "http://127.0.0.1:1/",
                                "--out",
                                aFile.resolve("out.jsonl").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write output");

        Path existing = Files.writeString(dir.resolve("keep.jsonl"), "previous results\n");
        Path config = Files.writeString(dir.resolve("bad.yaml"), "workers: lots\n");
        assertThat(
                        run(
                                "crawl",
                                "http://127.0.0.1:1/",
                                "--config",
                                config.toString(),
                                "--out",
                                existing.toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("key 'workers'")
                .contains("not an integer");
        assertThat(Files.readString(existing)).isEqualTo("previous results\n");
    }

    @Test
    void aRunThatFailsLeavesTheExistingOutputAsItWas() throws Exception {
        Path existing = Files.writeString(dir.resolve("keep.jsonl"), "previous results\n");
        // no valid seed: exit 3
        assertThat(run("crawl", "htp:/x", "--out", existing.toString(), "-q")).isEqualTo(3);
        assertThat(Files.readString(existing)).isEqualTo("previous results\n");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("this run's is in " + existing + ".part");
        // a shared frontier that cannot be reached: exit 1, nothing fetched
        assertThat(
                        run(
                                "crawl",
                                "http://127.0.0.1:1/",
                                "--frontier",
                                "redis://127.0.0.1:1/0",
                                "--out",
                                existing.toString(),
                                "-q"))
                .isEqualTo(1);
        assertThat(Files.readString(existing)).isEqualTo("previous results\n");
        // the items file too
        Path items = Files.writeString(dir.resolve("keep-items.jsonl"), "previous items\n");
        Path rules =
                Files.writeString(dir.resolve("r.yaml"), "- name: t\n  fields: { t: title }\n");
        assertThat(
                        run(
                                "crawl",
                                "htp:/x",
                                "--out",
                                existing.toString(),
                                "--extract",
                                rules.toString(),
                                "--items",
                                items.toString(),
                                "-q"))
                .isEqualTo(3);
        assertThat(Files.readString(items)).isEqualTo("previous items\n");
        assertThat(Files.readString(existing)).isEqualTo("previous results\n");
    }

    @Test
    void aHeaderTheClientRefusesIsAUsageErrorBeforeAnyRequest() {
        assertThat(run("crawl", "http://127.0.0.1:1/", "--header", "Connection: close"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("header 'Connection' cannot be sent by the JDK's HTTP client");
        assertThat(run("crawl", "http://127.0.0.1:1/", "--header", "no colon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must be 'NAME: VALUE'");
    }
}
