package dev.crawler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MainTest extends MainFixture {
    @Test
    void crawlsSeedsFromArgumentsIntoAJsonLinesFile() throws Exception {
        Path output = dir.resolve("out/crawl.jsonl");

        int code =
                run(
                        "",
                        "crawl",
                        wm.baseUrl() + "/",
                        "--out",
                        output.toString(),
                        "--quiet",
                        "--workers",
                        "2");

        assertThat(code).isZero();
        List<JsonNode> records = lines(Files.readString(output));
        assertThat(records).hasSize(3);
        JsonNode root =
                records.stream()
                        .filter(r -> r.get("url").asText().endsWith(":" + wm.getPort() + "/"))
                        .findFirst()
                        .orElseThrow();
        assertThat(root.get("title").asText()).isEqualTo("Root");
        assertThat(root.get("status").asInt()).isEqualTo(200);
        assertThat(root.get("outcome").asText()).isEqualTo("fetched");
        assertThat(root.get("links").asInt()).isEqualTo(2);
        assertThat(root.get("attempts").asInt()).isEqualTo(1);
        assertThat(root.get("depth").asInt()).isZero();
        assertThat(root.get("parent").isNull()).isTrue();
        assertThat(root.get("httpVersion").asText()).isEqualTo("HTTP/1.1");
        for (String field :
                List.of(
                        "url",
                        "finalUrl",
                        "status",
                        "contentType",
                        "depth",
                        "parent",
                        "title",
                        "links",
                        "bytes",
                        "fetchMs",
                        "attempts",
                        "outcome",
                        "error")) {
            assertThat(root.has(field)).as("field %s", field).isTrue();
        }
        JsonNode missing =
                records.stream()
                        .filter(r -> r.get("url").asText().endsWith("/missing"))
                        .findFirst()
                        .orElseThrow();
        assertThat(missing.get("outcome").asText()).isEqualTo("failed");
        assertThat(missing.get("error").asText()).isEqualTo("HTTP 404");
        assertThat(stderr()).contains("admitted 3 = fetched 2 + failed 1 + skipped 0");
    }

    @Test
    void readsSeedFilesAndStdinAndReportsBadLinesWithTheirNumbers() throws Exception {
        Path seeds = dir.resolve("seeds.txt");
        Files.writeString(seeds, "# my seeds\n" + wm.baseUrl() + "/a\nnot a url\n\n");

        int code =
                run(
                        "garbage\n" + wm.baseUrl() + "/\n",
                        "crawl",
                        "--seeds",
                        seeds.toString(),
                        "--seeds",
                        "-",
                        "--out",
                        "-",
                        "--quiet",
                        "--max-depth",
                        "0");

        assertThat(code).isZero();
        assertThat(stderr())
                .contains(seeds + ":3")
                .contains("'not a url'")
                .contains("stdin:1")
                .contains("'garbage'");
        assertThat(lines(out.toString(StandardCharsets.UTF_8)))
                .hasSize(2); // "/" and "/a"; links are too deep
    }

    @Test
    void exitsWith3WhenNoSeedIsValid() {
        int code =
                run(
                        "",
                        "crawl",
                        "nonsense",
                        "also nonsense",
                        "--out",
                        dir.resolve("o.jsonl").toString(),
                        "--quiet");
        assertThat(code).isEqualTo(3);
        assertThat(stderr()).contains("no seed was a valid URL");
    }

    @Test
    void theDemoCrawlsTheBundledSiteCompletely() throws Exception {
        Path output = dir.resolve("demo.jsonl");

        int code =
                run(
                        "",
                        "demo",
                        "--pages",
                        "45",
                        "--out",
                        output.toString(),
                        "--quiet",
                        "--workers",
                        "8");

        assertThat(code).isZero();
        // 45 pages in 3 sections; index, about, flaky, the sitemap and its 5 orphan pages fetched;
        // the missing page failed; the image, the redirect and the robots-disallowed page skipped;
        // the book shop's 3 catalogue pages and 15 books fetched
        int shop = 3 + 15;
        List<JsonNode> records = lines(Files.readString(output));
        assertThat(records).hasSize(45 + 3 + 13 + shop);
        assertThat(
                        records.stream()
                                .filter(r -> r.get("outcome").asText().equals("fetched"))
                                .count())
                .isEqualTo(45 + 3 + 9 + shop);
        assertThat(records.stream().filter(r -> r.get("outcome").asText().equals("failed")).count())
                .isEqualTo(1);
        assertThat(
                        records.stream()
                                .filter(r -> r.get("outcome").asText().equals("skipped"))
                                .count())
                .isEqualTo(3);
        JsonNode flaky =
                records.stream()
                        .filter(r -> r.get("url").asText().endsWith("/flaky.html"))
                        .findFirst()
                        .orElseThrow();
        assertThat(flaky.get("attempts").asInt()).isEqualTo(2);
        assertThat(stderr()).contains("admitted 79 = fetched 75 + failed 1 + skipped 3");
    }

    @Test
    void writesTheSummaryAsJsonAndWarcAndBodiesOnRequest() throws Exception {
        Path summary = dir.resolve("summary.json");
        Path warc = dir.resolve("warc");
        Path bodies = dir.resolve("bodies");

        int code =
                run(
                        "",
                        "crawl",
                        wm.baseUrl() + "/",
                        "--out",
                        dir.resolve("o.jsonl").toString(),
                        "--quiet",
                        "--ignore-robots",
                        "--host-delay",
                        "0s",
                        "--summary-json",
                        summary.toString(),
                        "--warc",
                        warc.toString(),
                        "--save-bodies",
                        bodies.toString());

        assertThat(code).isZero();
        JsonNode s = json.readTree(Files.readString(summary));
        assertThat(s.get("admitted").asLong()).isEqualTo(3);
        assertThat(s.get("fetched").asLong()).isEqualTo(2);
        assertThat(s.get("failed").asLong()).isEqualTo(1);
        assertThat(s.get("ledgerBalanced").asBoolean()).isTrue();
        assertThat(s.get("statuses").get("404").asLong()).isEqualTo(1);
        assertThat(s.get("latencyMs").get("count").asLong()).isEqualTo(3);
        assertThat(s.get("latencyMs").has("p99")).isTrue();
        assertThat(s.get("topFailingHosts").get(0).get("failed").asLong()).isEqualTo(1);
        assertThat(stderr())
                .contains("latency    p50")
                .contains("failing    http://localhost:" + wm.getPort());
        try (var files = Files.list(warc)) {
            assertThat(files.filter(f -> f.toString().endsWith(".warc.gz"))).hasSize(1);
        }
        try (var files = Files.walk(bodies)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(2);
        }
    }
}
