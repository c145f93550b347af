package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six pages of 12 MB of links each, crawled with the defaults in the launcher's JVM (128 MiB heap):
 * each parses into a document of over 100 MB, so before the memory budget the crawl died of {@code
 * OutOfMemoryError} (exit code 3, the output lost); now the pages wait for each other and every one
 * is fetched.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HugePagesTest {
    private static final int PAGES = 6;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;

    @Test
    void hugePagesAreCrawledInTheLaunchersHeap() throws Exception {
        StringBuilder page = new StringBuilder("<html><head><title>t</title></head><body>\n");
        for (int i = 0; page.length() < 12_000_000; i++) {
            page.append("<a href=\"/x/").append(i).append("\">").append(i).append("</a>\n");
        }
        wm.stubFor(
                get(urlPathMatching("/big/.*"))
                        .willReturn(
                                ok(page.append("</body></html>").toString())
                                        .withHeader("Content-Type", "text/html")));
        List<String> args = new ArrayList<>();
        args.add("crawl");
        for (int i = 0; i < PAGES; i++) {
            args.add(wm.url("/big/" + i));
        }
        Path out = dir.resolve("out.jsonl");
        Path summary = dir.resolve("summary.json");
        args.addAll(
                List.of(
                        "--out",
                        out.toString(),
                        "--summary-json",
                        summary.toString(),
                        "--ignore-robots",
                        "--host-delay",
                        "0",
                        "--host-concurrency",
                        String.valueOf(PAGES),
                        "--workers",
                        String.valueOf(PAGES),
                        "--max-depth",
                        "0",
                        "-q"));
        Process child =
                ChildJvm.cli(ChildJvm.launcherOptions(), args.toArray(String[]::new))
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("log").toFile())
                        .start();
        assertThat(child.waitFor(150, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("log"));
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(Files.readAllLines(out)).hasSize(PAGES);
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(s.get("fetched").asLong()).isEqualTo(PAGES);
        assertThat(s.get("peakHeldBytes").asLong())
                .as("at most the budget (32 MiB) and one page")
                .isLessThan(32L * 1024 * 1024 + 13L * 10 * 1024 * 1024);
    }
}
