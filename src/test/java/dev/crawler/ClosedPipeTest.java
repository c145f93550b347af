package dev.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crawl --out - | head -1}: when the reader of standard output goes away, the crawl stops
 * with exit code 1 instead of crawling on into a closed pipe (a {@code PrintStream} swallows the
 * error; before, the crawl ran to its end and exited 0).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@EnabledOnOs({OS.LINUX, OS.MAC})
class ClosedPipeTest {
    private static final int PAGES = 2_000;

    @TempDir Path dir;

    @Test
    void aClosedStandardOutputStopsTheCrawlWithExitCode1() throws Exception {
        try (TreeSite site = new TreeSite(PAGES, 20)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath =
                    System.getProperty(
                            "surefire.test.class.path", System.getProperty("java.class.path"));
            Process child =
                    new ProcessBuilder(
                                    java,
                                    "-cp",
                                    classpath,
                                    "dev.crawler.cli.Main",
                                    "crawl",
                                    site.url(0),
                                    "--out",
                                    "-",
                                    "--ignore-robots",
                                    "--host-delay",
                                    "0",
                                    "--max-depth",
                                    "50",
                                    "-q")
                            .redirectError(dir.resolve("err.log").toFile())
                            .start();
            try (BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(
                                    child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).startsWith("{\"url\":");
            } // closes the pipe, as `head -1` does
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err.log"));
            assertThat(child.exitValue()).as(err).isEqualTo(1);
            assertThat(err).contains("output failed");
            assertThat(site.totalRequests()).as("stopped early").isLessThan(PAGES);
        }
    }
}
