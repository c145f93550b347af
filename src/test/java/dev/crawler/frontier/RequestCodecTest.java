package dev.crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestCodecTest {
    @Test
    void everyFieldSurvivesTheRoundTrip() {
        CrawlRequest seed =
                CrawlRequest.seed(
                        URI.create("http://a.test/sitemap.xml"), CrawlRequest.Kind.SITEMAP);
        CrawlRequest r =
                new CrawlRequest(
                        URI.create("http://a.test/p?q=1&r=%20"),
                        3,
                        2,
                        Optional.of(URI.create("http://a.test/")),
                        CrawlRequest.Kind.PAGE,
                        1,
                        -7,
                        4,
                        new Completion.Validators(
                                Optional.of("W/\"x\ty\\z\n\""), Optional.of("Sun, 22 Nov 2026")),
                        Optional.of("DE\tTAIL"),
                        Map.of("category", "poetry\\x", "page", "a=b\u001fc\nd", "empty", ""),
                        "sub-1",
                        Map.of(),
                        Optional.empty());
        assertThat(RequestCodec.decode(RequestCodec.encode(r))).isEqualTo(r);
        CrawlRequest posted =
                r.withHeaders(Map.of("Accept", "application/json", "X-Odd", "a\tb"))
                        .withBody(
                                Optional.of(
                                        dev.crawler.seed.RequestBody.json("{\"q\":\"a\\tb\n\"}")));
        assertThat(RequestCodec.decode(RequestCodec.encode(posted))).isEqualTo(posted);
        assertThat(posted.key()).isNotEqualTo(r.key()).startsWith(r.url() + " POST ");
        // a line written before requests had headers and bodies (13 fields) still reads
        String old = RequestCodec.encode(r).replaceAll("(\t[^\t]*){3}$", "");
        assertThat(RequestCodec.decode(old)).isEqualTo(r);
        assertThat(RequestCodec.decode(RequestCodec.encode(seed))).isEqualTo(seed);
        assertThat(RequestCodec.encode(r)).doesNotContain("\n");
    }

    @Test
    void aLineWrittenBeforeLabelsExistedStillReads() {
        CrawlRequest r =
                RequestCodec.decode("http://a.test/x\t1\t2\thttp://a.test/\tP\t0\t5\t-1\t\t");
        assertThat(r.url()).isEqualTo(URI.create("http://a.test/x"));
        assertThat(r.priority()).isEqualTo(5);
        assertThat(r.label()).isEmpty();
        assertThat(r.userData()).isEmpty();
        assertThat(r.group()).isEmpty();
    }

    @Test
    void aForeignValueIsRefused() {
        assertThatThrownBy(() -> RequestCodec.decode("http://a.test/\t1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an encoded request");
    }

    @Test
    void userDataKeysWithEqualsAreRefused() {
        assertThatThrownBy(
                        () ->
                                CrawlRequest.seed(URI.create("http://a.test/"))
                                        .withTags(Optional.empty(), Map.of("a=b", "c"), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a=b'");
    }
}
