package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.testing.CrawlTester;
import dev.crawler.testing.TestCrawl;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions as Crawlee's pool has them: a jar each, requests spread over them, retired on 403s. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionsTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    private static String[] seeds(String... paths) {
        String[] out = new String[paths.length];
        for (int i = 0; i < paths.length; i++) {
            out[i] = wm.url(paths[i]);
        }
        return out;
    }

    @Test
    void eachSessionSendsItsOwnHeaders() throws Exception {
        wm.stubFor(
                get(urlPathMatching("/h.*"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>h</title>")));
        CrawlTester.create()
                .config(
                        c ->
                                c.workers(1)
                                        .sessions(2)
                                        .sessionHeaders(
                                                java.util.List.of(
                                                        java.util.Map.of("Accept-Language", "en"),
                                                        java.util.Map.of("Accept-Language", "de"))))
                .crawl(seeds("/h0", "/h1", "/h2", "/h3"));
        wm.verify(
                2,
                getRequestedFor(urlPathMatching("/h.*"))
                        .withHeader(
                                "Accept-Language",
                                com.github.tomakehurst.wiremock.client.WireMock.equalTo("en")));
        wm.verify(
                2,
                getRequestedFor(urlPathMatching("/h.*"))
                        .withHeader(
                                "Accept-Language",
                                com.github.tomakehurst.wiremock.client.WireMock.equalTo("de")));
    }

    @Test
    void eachSessionHasItsOwnJar() throws Exception {
        wm.stubFor(
                get(urlPathMatching("/s.*"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader("Set-Cookie", "sid=1; Path=/")
                                        .withBody("<title>s</title>")));
        CrawlTester.create()
                .config(c -> c.workers(1).sessions(3))
                .crawl(seeds("/s0", "/s1", "/s2", "/s3", "/s4", "/s5"));
        // before (one jar): only the very first request went without the cookie
        wm.verify(3, getRequestedFor(urlPathMatching("/s.*")).withHeader("Cookie", absent()));
        wm.verify(
                3,
                getRequestedFor(urlPathMatching("/s.*")).withHeader("Cookie", containing("sid=1")));
    }

    @Test
    void aHandlerRetiresTheSessionOfAPageThatShowsItIsBlocked() throws Exception {
        wm.stubFor(
                get(anyUrl())
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>fine</title>")));
        wm.stubFor(
                get(urlEqualTo("/in"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader("Set-Cookie", "sid=watched; Path=/")
                                        .withBody("<title>in</title>")));
        wm.stubFor(
                get(urlPathMatching("/q.*"))
                        .withHeader("Cookie", containing("sid=watched"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>captcha</title>"))); // a 200, yet blocked
        CrawlTester.create()
                .config(c -> c.workers(1).sessions(1))
                .handler(
                        page -> {
                            if (page.text("title").equals("captcha")) {
                                page.retireSession();
                            }
                        })
                .crawl(seeds("/in", "/q1", "/q2"));
        wm.verify(
                getRequestedFor(urlEqualTo("/q1")).withHeader("Cookie", containing("sid=watched")));
        // before: no way to drop the watched session; the next page went with its cookie again
        wm.verify(getRequestedFor(urlEqualTo("/q2")).withHeader("Cookie", absent()));
    }

    @Test
    void aSessionBlockedTwiceInARowIsRetiredForOneWithAnEmptyJar() throws Exception {
        wm.stubFor(
                get(anyUrl())
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("ok")));
        wm.stubFor(
                get(urlEqualTo("/trap"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader("Set-Cookie", "sid=flagged; Path=/")
                                        .withBody("<title>trap</title>")));
        wm.stubFor(
                get(urlPathMatching("/p.*"))
                        .withHeader("Cookie", containing("sid=flagged"))
                        .willReturn(aResponse().withStatus(403)));
        wm.stubFor(
                get(urlEqualTo("/p1"))
                        .withHeader("Cookie", containing("sid=flagged"))
                        .willReturn(aResponse().withStatus(429))); // a 429 counts as a 403 does
        TestCrawl run =
                CrawlTester.create()
                        .config(c -> c.workers(1).sessions(1).sessionMaxBlocked(2))
                        .crawl(seeds("/trap", "/p1", "/p2", "/p3"));
        run.assertFetched("/trap").assertFetched("/p3");
        wm.verify(
                getRequestedFor(urlEqualTo("/p2")).withHeader("Cookie", containing("sid=flagged")));
        // before: the flagged cookie went with every request, each answered 403
        wm.verify(getRequestedFor(urlEqualTo("/p3")).withHeader("Cookie", absent()));
    }
}
