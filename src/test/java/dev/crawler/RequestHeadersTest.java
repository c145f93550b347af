package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.ConfigFile;
import dev.crawler.config.CrawlConfig;
import dev.crawler.testing.CrawlTester;
import dev.crawler.testing.TestCrawl;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Headers for the crawl and per host, and a cookie jar, as the server sees them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestHeadersTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @RegisterExtension
    static WireMockExtension other =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @Test
    void crawlHeadersGoEverywhereAndHostHeadersOnlyToTheirHost() throws Exception {
        String elsewhere = "http://127.0.0.1:" + other.getPort() + "/x";
        TestCrawls.page(wm, "/", "root", elsewhere);
        TestCrawls.page(other, "/x", "x");
        TestCrawl run =
                CrawlTester.create()
                        .config(
                                c ->
                                        c.sameHost(false)
                                                .headers(
                                                        Map.of(
                                                                "Accept-Language", "de",
                                                                "Accept", "text/html"))
                                                .hostHeaders(
                                                        Map.of(
                                                                "localhost",
                                                                Map.of("X-Token", "t1"))))
                        .crawl(wm.url("/"));
        run.assertFetched("/").assertFetched("/x");
        wm.verify(
                getRequestedFor(urlEqualTo("/"))
                        .withHeader("Accept-Language", equalTo("de"))
                        .withHeader("Accept", equalTo("text/html")) // replaces ours, not added
                        .withHeader("X-Token", equalTo("t1")));
        other.verify(
                getRequestedFor(urlEqualTo("/x"))
                        .withHeader("Accept-Language", equalTo("de"))
                        .withHeader("X-Token", absent()));
    }

    @Test
    void cookiesSetOnARedirectAreSentBackAndCanBeTurnedOff() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/login"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Set-Cookie", "session=abc; Path=/")
                                        .withHeader("Location", "/private")));
        TestCrawls.page(wm, "/private", "private");
        CrawlTester.create().crawl(wm.url("/login")).assertFetched("/private");
        wm.verify(
                getRequestedFor(urlEqualTo("/private"))
                        .withHeader("Cookie", equalTo("session=abc")));

        wm.resetRequests();
        CrawlTester.create().config(c -> c.cookies(false)).crawl(wm.url("/login"));
        wm.verify(getRequestedFor(urlEqualTo("/private")).withHeader("Cookie", absent()));
    }

    @Test
    void headersTheClientRefusesOrTheCrawlerSetsAreNamedAtStart() {
        assertThatThrownBy(() -> CrawlConfig.builder().headers(Map.of("Host", "x")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "headers: header 'Host' cannot be sent by the JDK's HTTP client");
        assertThatThrownBy(() -> CrawlConfig.builder().headers(Map.of("User-Agent", "x")).build())
                .hasMessageContaining("use user-agent");
        assertThatThrownBy(
                        () ->
                                CrawlConfig.builder()
                                        .hostHeaders(
                                                Map.of("a.test", Map.of("Connection", "close")))
                                        .build())
                .hasMessageContaining("host-headers: a.test: header 'Connection'");
    }

    @Test
    void secretHeadersPrintAsStars() {
        String yaml =
                ConfigFile.toYaml(
                        CrawlConfig.builder()
                                .headers(Map.of("Authorization", "Bearer s3cret"))
                                .hostHeaders(Map.of("a.test", Map.of("Cookie", "id=s3cret")))
                                .build());
        assertThat(yaml).contains("headers: {\"Authorization\": \"***\"}").doesNotContain("s3cret");
    }
}
