package dev.crawler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: the CLI runs as a separate JVM crawling a slow demo site, gets SIGINT in the
 * middle, and must exit 130 with a complete summary and an output file whose every line is a whole
 * record, one per admitted URL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@EnabledOnOs({OS.LINUX, OS.MAC})
class InterruptTest {
    @TempDir Path dir;

    @Test
    void sigintStopsCleanlyWithSummaryAndWholeOutput() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        Process process =
                new ProcessBuilder(
                                java,
                                "-cp",
                                classpath,
                                "dev.crawler.cli.Main",
                                "demo",
                                "--pages",
                                "2000",
                                "--delay",
                                "20ms",
                                "--workers",
                                "4",
                                "--out",
                                "-")
                        .redirectErrorStream(true)
                        .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                // Records stream to stdout as URLs finish: after the 50th, interrupt the crawl.
                if (!signalled && lines.stream().filter(l -> l.startsWith("{")).count() >= 50) {
                    signalled = true;
                    int rc =
                            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                                    .start()
                                    .waitFor();
                    assertThat(rc).isZero();
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String all = String.join("\n", lines);
        assertThat(process.exitValue()).as(all).isEqualTo(130);
        assertThat(all).contains("Stopping").contains("(cancelled)");

        Matcher ledger =
                Pattern.compile(
                                "admitted (\\d+) = fetched (\\d+) \\+ failed (\\d+) \\+ skipped (\\d+)")
                        .matcher(all);
        assertThat(ledger.find()).as(all).isTrue();
        long admitted = Long.parseLong(ledger.group(1));
        long skipped = Long.parseLong(ledger.group(4));
        assertThat(skipped).as("queued URLs recorded as cancelled").isPositive();
        assertThat(admitted).isLessThan(2000); // it really stopped early

        ObjectMapper json = new ObjectMapper();
        List<String> records = lines.stream().filter(l -> l.startsWith("{")).toList();
        assertThat(records).hasSize((int) admitted);
        for (String record : records) {
            JsonNode node = json.readTree(record); // throws on a torn line
            assertThat(node.get("outcome").asText()).isIn("fetched", "failed", "skipped");
        }
    }
}
