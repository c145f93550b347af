package dev.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.StateCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} for real: the CLI crawls a slow loopback site as a separate JVM with a state
 * folder, and is killed with SIGKILL several times, each time after a different number of requests
 * has reached the server (the test blocks on the server's count, it does not sleep). Each kill is
 * followed by the same command, and the last run goes to the end. Then every page is in the ledger
 * exactly once as final, and the JSON Lines output holds exactly one whole record per page.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@EnabledOnOs({OS.LINUX, OS.MAC})
class CrashResumeTest {
    private static final int PAGES = 400;

    @TempDir Path dir;

    private Process start(TreeSite site, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        // RocksDB extracts its native library to the temp folder and deletes it
                        // at exit, which a SIGKILL skips: keep the copies in the test's folder
                        "-Djava.io.tmpdir=" + tmp(),
                        "-cp",
                        classpath,
                        "dev.crawler.cli.Main",
                        "crawl",
                        site.url(0),
                        "--state-dir",
                        dir.resolve("state").toString(),
                        "--out",
                        out.toString(),
                        "--ignore-robots",
                        "--host-delay",
                        "0",
                        "--host-concurrency",
                        "4",
                        "--workers",
                        "4",
                        "--max-depth",
                        "50",
                        "-q")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
    }

    private String tmp() throws IOException {
        return Files.createDirectories(dir.resolve("tmp")).toString();
    }

    @Test
    void killedAgainAndAgainItLosesNothingAndWritesEachPageOnce() throws Exception {
        Path out = dir.resolve("crawl.jsonl");
        // kill while starting (after the first request), then at three later points
        int[] killAfterRequests = {1, 40, 90, 60};
        try (TreeSite site = new TreeSite(PAGES, 3)) {
            List<Long> finalAtKill = new ArrayList<>();
            for (int requests : killAfterRequests) {
                site.served.drainPermits();
                Process child = start(site, out);
                boolean reached = site.served.tryAcquire(requests, 60, TimeUnit.SECONDS);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no commit
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(reached).as("the child crawled (see %s)", log()).isTrue();
                assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
                try (CrawlState state = CrawlState.openReadOnly(dir.resolve("state"))) {
                    StateCounts c = state.counts();
                    finalAtKill.add(c.fetched() + c.failed() + c.skipped());
                }
            }
            assertThat(finalAtKill).as("progress survives each kill").isSorted();
            assertThat(finalAtKill.get(finalAtKill.size() - 1)).isPositive().isLessThan(PAGES);

            Process last = start(site, out);
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as(log()).isZero();

            StateCounts counts;
            try (CrawlState state = CrawlState.openReadOnly(dir.resolve("state"))) {
                counts = state.counts();
            }
            assertThat(counts).isEqualTo(new StateCounts(0, PAGES, 0, 0));

            ObjectMapper json = new ObjectMapper();
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            Set<String> urls = new HashSet<>();
            for (String line : lines) {
                JsonNode record = json.readTree(line); // a torn line would not parse
                assertThat(record.get("outcome").asText()).isEqualTo("fetched");
                assertThat(urls.add(record.get("url").asText()))
                        .as("one record per URL: %s", record.get("url"))
                        .isTrue();
            }
            assertThat(urls).isEqualTo(site.allUrls());
            for (int p = 0; p < PAGES; p++) {
                assertThat(site.requestsOf(p)).as("page %d fetched at least once", p).isPositive();
            }
        }
    }

    private String log() throws IOException {
        Path log = dir.resolve("child.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
