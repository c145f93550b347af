package dev.crawler.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.testing.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command line with a state folder or a shared frontier: resume, status, dead letters, locks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MainStateTest extends MainFixture {
    @Test
    void aStateDirRunsOnceThenReportsStatusAndDeadLettersAndNothingToDo() throws Exception {
        Path state = dir.resolve("state");
        Path output = dir.resolve("crawl.jsonl");
        String[] crawl = {
            "crawl",
            wm.baseUrl() + "/",
            "--state-dir",
            state.toString(),
            "--out",
            output.toString(),
            "--ignore-robots",
            "--host-delay",
            "0",
            "-q"
        };

        assertThat(run("", crawl)).as(stderr()).isZero();
        assertThat(lines(Files.readString(output, StandardCharsets.UTF_8))).hasSize(3);

        err.reset();
        assertThat(run("", crawl)).as(stderr()).isZero();
        assertThat(stderr()).contains("Nothing to do");
        assertThat(lines(Files.readString(output, StandardCharsets.UTF_8)))
                .as("the output of the first run, unchanged")
                .hasSize(3);
        wm.verify(1, getRequestedFor(urlEqualTo("/a")));

        out.reset();
        assertThat(run("", "crawl", "--state-dir", state.toString(), "--status")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("admitted 3 = fetched 2 + failed 1 + skipped 0 + pending 0")
                .contains("finished");

        Path dead = dir.resolve("failed.txt");
        assertThat(
                        run(
                                "",
                                "crawl",
                                "--state-dir",
                                state.toString(),
                                "--export-failed",
                                dead.toString()))
                .isZero();
        List<String> deadLines = Files.readAllLines(dead, StandardCharsets.UTF_8);
        assertThat(deadLines).contains(wm.baseUrl() + "/missing");
        assertThat(deadLines).anyMatch(l -> l.startsWith("#") && l.contains("HTTP 404"));
    }

    @Test
    void stateOptionsNeedAStateDirAndALockedStateIsRefused() throws Exception {
        assertThat(run("", "crawl", wm.baseUrl() + "/", "--status")).isEqualTo(2);
        assertThat(stderr()).contains("need --state-dir or --frontier");

        Path state = dir.resolve("state");
        try (dev.crawler.frontier.CrawlState held = dev.crawler.frontier.CrawlState.open(state)) {
            err.reset();
            assertThat(run("", "crawl", wm.baseUrl() + "/", "--state-dir", state.toString()))
                    .isEqualTo(2);
            assertThat(stderr()).contains("is in use by another crawler");
            assertThat(held.counts().total()).isZero(); // the refused run touched nothing
        }
        err.reset();
        assertThat(run("", "crawl", "--state-dir", dir.resolve("none").toString(), "--status"))
                .isEqualTo(2);
        assertThat(stderr()).contains("holds no crawl state");
    }

    @Test
    void aSharedFrontierIsCheckedAndAnUnreachableOneIsAClearError() throws Exception {
        assertThat(run("", "crawl", wm.baseUrl() + "/", "--frontier", "http://x/")).isEqualTo(2);
        assertThat(stderr())
                .contains(
                        "frontier must be empty (the embedded frontier), redis://HOST:PORT/DB or");
        err.reset();
        assertThat(run("", "crawl", wm.baseUrl() + "/", "--crawl-name", "a b")).isEqualTo(2);
        assertThat(stderr()).contains("crawl-name must be 1 to 64 letters");
        err.reset();
        String[] both = {
            "crawl",
            wm.baseUrl() + "/",
            "--frontier",
            "redis://127.0.0.1:1/0",
            "--state-dir",
            dir.resolve("state").toString()
        };
        assertThat(run("", both)).isEqualTo(2);
        assertThat(stderr()).contains("--state-dir and --frontier exclude each other");
        err.reset();
        Path out = dir.resolve("out.jsonl");
        assertThat(
                        run(
                                "",
                                "crawl",
                                wm.baseUrl() + "/",
                                "--frontier",
                                "redis://127.0.0.1:1/0",
                                "--out",
                                out.toString()))
                .isEqualTo(1);
        assertThat(stderr()).contains("cannot reach the shared frontier at redis://127.0.0.1:1/0");
        assertThat(wm.getAllServeEvents()).isEmpty(); // nothing was fetched
    }

    @Test
    void aSharedCrawlRunsThenReportsItsStatusAndDeadLetters() throws Exception {
        try (LocalRedis redis = new LocalRedis()) {
            Path output = dir.resolve("shared.jsonl");
            String[] shared = {"--frontier", redis.url(0), "--crawl-name", "cli"};
            List<String> crawl =
                    new ArrayList<>(
                            List.of(
                                    "crawl",
                                    wm.baseUrl() + "/",
                                    "--out",
                                    output.toString(),
                                    "--ignore-robots",
                                    "--host-delay",
                                    "0"));
            crawl.addAll(List.of(shared));
            assertThat(run("", crawl.toArray(String[]::new))).as(stderr()).isZero();
            assertThat(lines(Files.readString(output, StandardCharsets.UTF_8))).hasSize(3);
            assertThat(stderr()).contains("crawl 'cli': 3 records written by this process");

            out.reset();
            List<String> status = new ArrayList<>(List.of("crawl", "--status"));
            status.addAll(List.of(shared));
            assertThat(run("", status.toArray(String[]::new))).as(stderr()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("admitted 3 = fetched 2 + failed 1 + skipped 0 + outstanding 0")
                    .contains("finished");

            Path failed = dir.resolve("failed.txt");
            List<String> export =
                    new ArrayList<>(List.of("crawl", "--export-failed", failed.toString()));
            export.addAll(List.of(shared));
            assertThat(run("", export.toArray(String[]::new))).as(stderr()).isZero();
            List<String> written = Files.readAllLines(failed, StandardCharsets.UTF_8);
            assertThat(written).contains(wm.baseUrl() + "/missing");
            assertThat(String.join("\n", written)).contains("404");
        }
    }
}
