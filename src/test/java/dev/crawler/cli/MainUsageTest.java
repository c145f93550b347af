package dev.crawler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line's usage: bad flags and values, --print-config, --version and --help. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MainUsageTest extends MainFixture {
    @Test
    void rejectsBadUsageWithExit2AndAClearMessage() throws Exception {
        assertThat(run("", "crawl", "--quiet")).isEqualTo(2);
        assertThat(stderr()).contains("no seeds");

        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "workers: 5\nmax-dept: 3\n");
        assertThat(run("", "crawl", "http://127.0.0.1:1/", "--config", config.toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("unknown key 'max-dept'");

        assertThat(
                        run(
                                "",
                                "crawl",
                                "http://127.0.0.1:1/",
                                "--seeds",
                                dir.resolve("nope.txt").toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("nope.txt cannot be read");

        assertThat(run("", "crawl", "http://127.0.0.1:1/", "--out", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("is a directory");

        err.reset();
        assertThat(run("", "crawl", "http://127.0.0.1:1/", "--max-pages", "lots")).isEqualTo(2);
        // one line and a pointer, not eighty lines of usage
        assertThat(stderr().lines().toList())
                .containsExactly(
                        "error: Invalid value for option '--max-pages': 'lots' is not a long",
                        "see 'crawler crawl --help'");
        assertThat(run("", "crawl", "http://127.0.0.1:1/", "--no-such-flag")).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option: '--no-such-flag'");

        assertThat(run("", "crawl", "http://127.0.0.1:1/", "--workers", "0")).isEqualTo(2);
        assertThat(stderr()).contains("workers");

        assertThat(run("", "crawl", "--no-such-flag")).isEqualTo(2);
    }

    @Test
    void printsTheEffectiveConfigurationWithFlagsOverTheFile() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "workers: 9\nrate: 4\n");

        int code = run("", "crawl", "--config", config.toString(), "--rate", "2", "--print-config");

        assertThat(code).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("workers: 9\n")
                .contains("rate: 2\n")
                .contains("max-depth: 5\n");

        out.reset();
        assertThat(
                        run(
                                "",
                                "crawl",
                                "--host-delay",
                                "0s",
                                "--host-concurrency",
                                "16",
                                "--ignore-robots",
                                "--print-config"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("host-delay: 0s\n")
                .contains("host-concurrency: 16\n")
                .contains("respect-robots: false\n");
        assertThat(run("", "crawl", "--host-delay", "soon", "--print-config")).isEqualTo(2);
    }

    @Test
    void showsVersionAndHelp() {
        assertThat(run("", "--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("crawler ");
        assertThat(run("", "crawl", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--queue-capacity")
                .contains("--rate")
                .contains("--seeds");
    }

    @Test
    void theHelpOfAFlagThatSetsASettingIsTheTables() {
        assertThat(run("", "crawl", "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        for (String key : List.of("max-links-per-page", "max-pages", "host-delay", "lease-time")) {
            dev.crawler.config.Setting<?> s = dev.crawler.config.Settings.named(key).orElseThrow();
            if (help.contains("--" + key + "=")) {
                assertThat(help)
                        .as("--%s is described by its setting", key)
                        .contains(s.summary().replaceAll("\\s+", " "))
                        .contains("(default " + s.defaultText() + ")");
            }
        }
        assertThat(help).contains("--max-pages=N Most URLs admitted to the crawl");
        assertThat(help).contains("--cookies=FILE A Netscape cookies.txt the jar starts with");
    }
}
