package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.CrawlState;
import dev.crawler.sink.CrawlResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cookies from a browser's cookies.txt, and kept in the crawl state so a resumed crawl stays in.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CookiesTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;

    /** A page only a request with {@code Cookie: session=abc} gets; others get 403. */
    private void members() {
        wm.stubFor(get(urlEqualTo("/members")).willReturn(aResponse().withStatus(403)));
        wm.stubFor(
                get(urlEqualTo("/members"))
                        .withHeader("Cookie", containing("session=abc"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>members</title>")));
    }

    private CollectingSink crawl(CrawlConfig config, CrawlState state, String url)
            throws Exception {
        CollectingSink sink = new CollectingSink();
        Crawler.Builder b = Crawler.builder().config(config).seeds(url).sink(sink);
        if (state != null) {
            b.state(state);
        }
        try (Crawler c = b.build()) {
            c.run();
        }
        return sink;
    }

    private static CrawlConfig.Builder config() {
        return CrawlConfig.builder().respectRobots(false).hostDelay(Duration.ZERO).maxAttempts(1);
    }

    @Test
    void aCookiesTxtLogsTheCrawlIn() throws Exception {
        members();
        Path txt = dir.resolve("cookies.txt");
        Files.writeString(
                txt,
                "# Netscape HTTP Cookie File\n"
                        + "localhost\tFALSE\t/\tFALSE\t0\tsession\tabc\n"
                        + "localhost\tFALSE\t/\tFALSE\t1\told\texpired\n");
        CollectingSink without = crawl(config().build(), null, wm.url("/members"));
        assertThat(without.results().get(0)).isInstanceOf(CrawlResult.Failed.class);
        CollectingSink with =
                crawl(config().cookiesFile(txt.toString()).build(), null, wm.url("/members"));
        assertThat(with.results().get(0)).isInstanceOf(CrawlResult.Fetched.class);
        wm.verify(
                getRequestedFor(urlEqualTo("/members"))
                        .withHeader("Cookie", containing("session=abc")));
    }

    @Test
    void aCookieSetInOneRunIsSentInTheNextOfTheSameState() throws Exception {
        members();
        wm.stubFor(
                get(urlEqualTo("/login"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader(
                                                "Set-Cookie", "session=abc; Path=/; Max-Age=3600")
                                        .withBody("<title>in</title>")));
        Path stateDir = dir.resolve("state");
        try (CrawlState state = CrawlState.open(stateDir)) {
            crawl(config().build(), state, wm.url("/login"));
        }
        Path copy = stateDir.resolve("cookies.txt");
        assertThat(Files.readString(copy)).contains("\tsession\tabc");
        // before: the next run started with an empty jar and got 403
        try (CrawlState state = CrawlState.open(stateDir)) {
            CollectingSink next = crawl(config().build(), state, wm.url("/members"));
            assertThat(next.results().get(0)).isInstanceOf(CrawlResult.Fetched.class);
        }
    }

    @Test
    void aMalformedCookiesTxtIsNamedWithItsLineBeforeAnyRequest() throws Exception {
        Path txt = dir.resolve("bad.txt");
        Files.writeString(txt, "# ok\nlocalhost\tFALSE\t/\n");
        assertThatThrownBy(
                        () ->
                                Crawler.builder()
                                        .config(config().cookiesFile(txt.toString()).build())
                                        .seeds(wm.url("/"))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(txt + ":2: not a cookies.txt entry");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
