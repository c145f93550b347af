package dev.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A library user who never asks for a state folder or Redis needs neither RocksDB nor Jedis, nor
 * the command line's picocli, progress bar and terminal libraries, nor Kotlin: a crawl with a
 * handler and a rate limit runs in a JVM whose class path lacks them all.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeanClasspathTest {
    /** Jars of the optional dependencies (and their own), by a piece of their path. */
    private static final List<String> OPTIONAL =
            List.of(
                    "rocksdbjni",
                    "jedis",
                    "commons-pool2",
                    "/org/json/",
                    "gson",
                    "error_prone",
                    "redis-authx",
                    "picocli",
                    "progressbar",
                    "jline",
                    "kotlin",
                    "/org/jetbrains/",
                    "slf4j-simple",
                    "wiremock",
                    "junit",
                    "assertj",
                    "opentest4j",
                    "apiguardian");

    @Test
    void aPlainCrawlRunsWithoutTheOptionalDependencies() throws Exception {
        String full =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> lean =
                Arrays.stream(full.split(File.pathSeparator))
                        .filter(e -> OPTIONAL.stream().noneMatch(e::contains))
                        .toList();
        assertThat(lean).hasSizeLessThan(full.split(File.pathSeparator).length);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child =
                new ProcessBuilder(
                                java,
                                "-cp",
                                lean.stream().collect(Collectors.joining(File.pathSeparator)),
                                "dev.crawler.LeanMain")
                        .redirectErrorStream(true)
                        .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(50, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("fetched 3 items 3");
    }
}
