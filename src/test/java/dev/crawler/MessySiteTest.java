package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A polite single-host site (robots.txt {@code Crawl-delay}, so one request at a time) with
 * ordinary pages among the usual hostile corners: a page that drips its body, one that never
 * answers, a page of 300 links to pages that do not exist, a 15-hop redirect chain, a 500 that
 * stays, a 429 with {@code Retry-After} that then answers. With the default settings but a short
 * fetch deadline and host delay (2 s and 20 ms instead of 30 s and 250 ms, so the suite stays fast;
 * the Crawl-delay is 20 ms too): every ordinary page is fetched, every trap is bounded, and the
 * crawl ends within the test's timeout, which a scheduler that let broken URLs set the host's pace
 * cannot meet.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessySiteTest {
    private static final int PAGES = 40;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(
                            wireMockConfig()
                                    .dynamicPort()
                                    .bindAddress("127.0.0.1")
                                    .containerThreads(32))
                    .build();

    @Test
    void everyOrdinaryPageIsFetchedAndEveryTrapIsBounded() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .willReturn(
                                ok("User-agent: *\nCrawl-delay: 0.02\n")
                                        .withHeader("Content-Type", "text/plain")));
        List<String> links = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            links.add("/p/" + i);
            TestCrawls.page(wm, "/p/" + i, "p" + i);
        }
        links.addAll(List.of("/drip", "/never", "/flood", "/r/0", "/broken", "/busy"));
        TestCrawls.page(wm, "/", "root", links.toArray(String[]::new));
        wm.stubFor(
                get(urlEqualTo("/drip"))
                        .willReturn(
                                ok("<html><title>drip</title>" + "x".repeat(2_000) + "</html>")
                                        .withHeader("Content-Type", "text/html")
                                        .withChunkedDribbleDelay(200, 20_000)));
        wm.stubFor(
                get(urlEqualTo("/never"))
                        .willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));
        String[] flood = new String[300];
        for (int i = 0; i < flood.length; i++) flood[i] = "/gone/" + i;
        TestCrawls.page(wm, "/flood", "flood", flood);
        wm.stubFor(get(urlPathMatching("/gone/.*")).willReturn(aResponse().withStatus(404)));
        for (int i = 0; i < 15; i++) {
            wm.stubFor(
                    get(urlEqualTo("/r/" + i))
                            .willReturn(
                                    aResponse()
                                            .withStatus(302)
                                            .withHeader("Location", "/r/" + (i + 1))));
        }
        wm.stubFor(get(urlEqualTo("/broken")).willReturn(aResponse().withStatus(500)));
        wm.stubFor(
                get(urlEqualTo("/busy"))
                        .inScenario("busy")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                        .willSetStateTo("answered"));
        wm.stubFor(
                get(urlEqualTo("/busy"))
                        .inScenario("busy")
                        .whenScenarioStateIs("answered")
                        .willReturn(
                                ok("<html><title>busy</title></html>")
                                        .withHeader("Content-Type", "text/html")));

        CrawlConfig config =
                CrawlConfig.builder()
                        .fetchTimeout(Duration.ofSeconds(2))
                        .hostDelay(Duration.ofMillis(20))
                        .shutdownGrace(Duration.ofSeconds(1))
                        .build();
        TestCrawls.Run run = TestCrawls.crawl(config, wm.url("/"));

        for (int i = 0; i < PAGES; i++) {
            assertThat(run.sink().byPath().get("/p/" + i))
                    .as("/p/%d", i)
                    .isInstanceOf(CrawlResult.Fetched.class);
        }
        assertThat(run.sink().byPath().get("/busy")).isInstanceOf(CrawlResult.Fetched.class);
        wm.verify(2, getRequestedFor(urlEqualTo("/drip"))); // a timeout is tried twice
        wm.verify(2, getRequestedFor(urlEqualTo("/never")));
        wm.verify(3, getRequestedFor(urlEqualTo("/broken"))); // max-attempts
        for (int i = 0; i < flood.length; i++) {
            wm.verify(1, getRequestedFor(urlEqualTo("/gone/" + i))); // a 404 is final at once
        }
        assertThat(wm.findAll(getRequestedFor(urlPathMatching("/r/.*"))))
                .as("redirect hops, bounded by max-redirects")
                .hasSizeLessThanOrEqualTo(config.fetch().maxRedirects() + 1);
        assertThat(run.summary().ledgerBalanced()).isTrue();
    }
}
