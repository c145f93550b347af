package dev.crawler.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.request.CrawlRequest;
import dev.crawler.seed.RequestBody;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON Lines record, field by field, as users' scripts read it. */
class JsonLinesSinkTest {
    @Test
    void writesOneWholeLinePerRecordWithEveryFieldInItsPlace() {
        CrawlRequest seed = CrawlRequest.seed(URI.create("http://a.test/"));
        CrawlRequest post =
                seed.entry(URI.create("http://a.test/search"), CrawlRequest.Kind.PAGE)
                        .withBody(Optional.of(RequestBody.form(Map.of("q", "x \"y\""))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesSink sink = JsonLinesSink.toStream(out)) {
            sink.accept(new CrawlResult.Failed(post, Optional.empty(), "HTTP 500 (\u00e9)"));
            sink.accept(new CrawlResult.Skipped(seed, Optional.empty(), "disallowed"));
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"url\":\"http://a.test/search\",\"finalUrl\":null,\"status\":null,"
                                + "\"contentType\":null,\"depth\":1,\"parent\":\"http://a.test/\","
                                + "\"redirects\":0,\"method\":\"POST\",\"requestKey\":\""
                                + post.key().replace("\"", "\\\"")
                                + "\",\"kind\":\"page\",\"title\":null,\"links\":null,"
                                + "\"canonical\":null,\"noindex\":false,\"truncated\":false,"
                                + "\"httpVersion\":null,\"bytes\":null,\"fetchMs\":null,"
                                + "\"attempts\":1,\"outcome\":\"failed\",\"unchanged\":false,"
                                + "\"error\":\"HTTP 500 (\u00e9)\"}\n"
                                + "{\"url\":\"http://a.test/\",\"finalUrl\":null,\"status\":null,"
                                + "\"contentType\":null,\"depth\":0,\"parent\":null,"
                                + "\"redirects\":0,\"kind\":\"page\",\"title\":null,"
                                + "\"links\":null,\"canonical\":null,\"noindex\":false,"
                                + "\"truncated\":false,\"httpVersion\":null,\"bytes\":null,"
                                + "\"fetchMs\":null,\"attempts\":1,\"outcome\":\"skipped\","
                                + "\"unchanged\":false,\"error\":\"disallowed\"}\n");
        assertThat(JsonLinesSink.record(new CrawlResult.Skipped(seed, Optional.empty(), "r")))
                .hasSize(20);
    }
}
