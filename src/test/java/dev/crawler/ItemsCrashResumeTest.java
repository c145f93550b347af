package dev.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code kill -9} of a scraping crawl: the CLI extracts items with a state folder, is killed with
 * SIGKILL twice (after a number of requests the server counted), and resumed to the end. The items
 * file then holds exactly one whole item per page, as the page records do.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@EnabledOnOs({OS.LINUX, OS.MAC})
class ItemsCrashResumeTest {
    private static final int PAGES = 300;

    @TempDir Path dir;

    private Process start(TreeSite site, Path items, Path rules) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                        "-cp",
                        classpath,
                        "dev.crawler.cli.Main",
                        "crawl",
                        site.url(0),
                        "--state-dir",
                        dir.resolve("state").toString(),
                        "--out",
                        dir.resolve("crawl.jsonl").toString(),
                        "--extract",
                        rules.toString(),
                        "--items",
                        items.toString(),
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

    @Test
    void killedTwiceItWritesEachPagesItemExactlyOnce() throws Exception {
        Path items = dir.resolve("items.jsonl");
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(
                rules,
                "- name: page\n  fields:\n    title: title\n"
                        + "    links: { css: 'a::attr(href)', all: true }\n");
        try (TreeSite site = new TreeSite(PAGES, 3)) {
            for (int requests : new int[] {30, 80}) {
                site.served.drainPermits();
                Process child = start(site, items, rules);
                boolean reached = site.served.tryAcquire(requests, 60, TimeUnit.SECONDS);
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(reached).as("the child crawled (see %s)", log()).isTrue();
                assertThat(child.exitValue()).isEqualTo(137);
            }
            Process last = start(site, items, rules);
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as(log()).isZero();

            ObjectMapper json = new ObjectMapper();
            List<String> lines = Files.readAllLines(items, StandardCharsets.UTF_8);
            Set<String> urls = new HashSet<>();
            for (String line : lines) {
                JsonNode item = json.readTree(line); // a torn line would not parse
                assertThat(item.get("type").asText()).isEqualTo("page");
                assertThat(item.get("data").get("links").isArray()).isTrue();
                assertThat(urls.add(item.get("url").asText()))
                        .as("one item per page: %s", item.get("url"))
                        .isTrue();
            }
            assertThat(urls).isEqualTo(site.allUrls());
        }
    }

    private String log() throws IOException {
        Path log = dir.resolve("child.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
