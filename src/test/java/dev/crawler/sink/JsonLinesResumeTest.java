package dev.crawler.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesResumeTest {
    @TempDir Path dir;

    @Test
    void resumingDropsTheTornLineAndRecordsNotFinalThenAppends() throws Exception {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(
                file,
                """
                {"url":"http://a.test/1","outcome":"fetched"}
                {"url":"http://a.test/2","outcome":"fetched"}
                not json at all
                {"url":"http://a.test/3","outcome":"fetched"}
                {"url":"http://a.test/4","outc""",
                StandardCharsets.UTF_8);
        Set<String> finalUrls = Set.of("http://a.test/1", "http://a.test/3", "http://a.test/4");

        try (JsonLinesSink sink = JsonLinesSink.resuming(file, finalUrls::contains)) {
            CrawlRequest r = CrawlRequest.seed(URI.create("http://a.test/5"));
            sink.accept(
                    new CrawlResult.Failed(
                            r,
                            Optional.of(
                                    new ResponseInfo(r.url(), 404, "", 0, Duration.ofMillis(3), 0)),
                            "HTTP 404"));
            // flushed record by record: on disk before the sink closes
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(3);
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        assertThat(lines.stream().map(l -> readUrl(json, l)))
                .containsExactly("http://a.test/1", "http://a.test/3", "http://a.test/5");
        assertThat(Files.list(dir)).containsExactly(file); // no temporary file left
    }

    @Test
    void aPostsRecordIsKeptOrDroppedByItsRequestKeyNotItsUrl() throws Exception {
        Path file = dir.resolve("post.jsonl");
        CrawlRequest get = CrawlRequest.seed(URI.create("http://a.test/search"));
        CrawlRequest post =
                get.withBody(
                        Optional.of(dev.crawler.seed.RequestBody.form(java.util.Map.of("q", "x"))));
        String postLine =
                new ObjectMapper()
                        .writeValueAsString(
                                JsonLinesSink.record(
                                        new CrawlResult.Failed(post, Optional.empty(), "x")));
        Files.writeString(
                file,
                "{\"url\":\"http://a.test/search\",\"outcome\":\"fetched\"}\n" + postLine + "\n",
                StandardCharsets.UTF_8);
        // the GET of the URL is final, its POST is not: before, the POST's record was kept too
        JsonLinesSink.resuming(file, Set.of(get.key())::contains).close();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(1);
        JsonLinesSink.resuming(file, Set.of(get.key(), post.key())::contains).close();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(1);
        Files.writeString(file, postLine + "\n", StandardCharsets.UTF_8);
        JsonLinesSink.resuming(file, Set.of(post.key())::contains).close();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(postLine);
    }

    private static String readUrl(ObjectMapper json, String line) {
        try {
            return json.readTree(line).get("url").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a whole record: " + line, e);
        }
    }
}
