package dev.crawler.frontier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crawler.frontier.Completion;
import dev.crawler.frontier.CrawlRequest;
import java.net.URI;
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
                                Optional.of("W/\"x\ty\\z\n\""), Optional.of("Sun, 22 Nov 2026")));
        assertThat(RequestCodec.decode(RequestCodec.encode(r))).isEqualTo(r);
        assertThat(RequestCodec.decode(RequestCodec.encode(seed))).isEqualTo(seed);
        assertThat(RequestCodec.encode(r)).doesNotContain("\n");
    }

    @Test
    void aForeignValueIsRefused() {
        assertThatThrownBy(() -> RequestCodec.decode("http://a.test/\t1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an encoded request");
    }
}
