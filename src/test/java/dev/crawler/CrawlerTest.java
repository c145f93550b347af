package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.CrawlAssertions.assertLedger;
import static dev.crawler.TestCrawls.crawl;
import static dev.crawler.TestCrawls.html;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crawler.TestCrawls.Run;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlResult;
import dev.crawler.url.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrawlerTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(
                            wireMockConfig()
                                    .dynamicPort()
                                    .bindAddress("127.0.0.1")
                                    .containerThreads(64))
                    .build();

    /**
     * Fast retries and short deadlines, so failures resolve quickly; no politeness delay and no
     * robots.txt (the politeness tests turn them on): the test server is our own.
     */
    private static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(64)
                .respectRobots(false)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofSeconds(5))
                .fetchTimeout(Duration.ofSeconds(10))
                .shutdownGrace(Duration.ofSeconds(2));
    }

    private static String url(String path) {
        return wm.baseUrl() + path;
    }

    private static void page(String path, String title, String... links) {
        TestCrawls.page(wm, path, title, links);
    }

    private static List<ServeEvent> served(String path) {
        return wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
    }

    @Test
    void crawlsASiteAndRecordsEveryPageOnce() throws Exception {
        page(
                "/",
                "Home",
                "/a",
                "/b",
                "b#frag",
                "/c.png",
                "mailto:x@example.invalid",
                "https://elsewhere.invalid/");
        page("/a", "A", "/", "/b");
        page("/b", "B", "/a");
        wm.stubFor(
                get(urlEqualTo("/c.png"))
                        .willReturn(ok("png").withHeader("Content-Type", "image/png")));

        Run run = crawl(config().build(), url("/"));

        assertThat(run.summary().fetched()).isEqualTo(3);
        assertThat(run.summary().skipped()).isEqualTo(1); // the image: not HTML, final at once
        assertThat(run.summary().failed()).isZero();
        CrawlResult.Fetched home = (CrawlResult.Fetched) run.sink().byPath().get("/");
        assertThat(home.page().title()).isEqualTo("Home");
        assertThat(home.request().depth()).isZero();
        CrawlResult.Fetched a = (CrawlResult.Fetched) run.sink().byPath().get("/a");
        assertThat(a.request().depth()).isEqualTo(1);
        assertThat(a.request().parent())
                .hasValueSatisfying(p -> assertThat(p.getPath()).isEqualTo("/"));
        assertThat(run.summary().rejected())
                .containsEntry(Rejection.UNSUPPORTED_SCHEME.label(), 1L)
                .containsEntry(Rejection.OFF_HOST.label(), 1L);
        wm.verify(1, getRequestedFor(urlEqualTo("/b"))); // "/b" and "b#frag" are one URL
        wm.verify(1, getRequestedFor(urlEqualTo("/c.png")));
    }

    @Test
    void linkExplosionWithATinyQueueCompletes() throws Exception {
        // Every page links to 50 new pages; with depth 2 that is 1 + 50 + 2500 pages, pushed
        // through a queue of 2 by 5 fetchers. A fetcher that blocked on the full queue it
        // drains would deadlock here.
        StringBuilder links = new StringBuilder("<html><body>");
        for (int i = 0; i < 50; i++) {
            links.append("<a href=\"{{request.path}}/")
                    .append(i)
                    .append("\">")
                    .append(i)
                    .append("</a>");
        }
        links.append("</body></html>");
        wm.stubFor(
                get(urlPathMatching("/e(/.*)?"))
                        .willReturn(
                                ok(links.toString())
                                        .withHeader("Content-Type", "text/html")
                                        .withTransformers("response-template")));

        Run run = crawl(config().queueCapacity(2).workers(5).maxDepth(2).build(), url("/e"));

        assertThat(run.summary().fetched()).isEqualTo(1 + 50 + 2500);
        assertThat(run.summary().rejected()).containsEntry(Rejection.TOO_DEEP.label(), 2500L * 50);
        assertThat(run.summary().cancelled()).isFalse();
    }

    @Test
    void retriesA500ThenSucceeds() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/flaky"))
                        .inScenario("flaky")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(500))
                        .willSetStateTo("recovered"));
        wm.stubFor(
                get(urlEqualTo("/flaky"))
                        .inScenario("flaky")
                        .whenScenarioStateIs("recovered")
                        .willReturn(ok(html("Recovered")).withHeader("Content-Type", "text/html")));

        Run run = crawl(config().build(), url("/flaky"));

        CrawlResult.Fetched f = (CrawlResult.Fetched) run.sink().byPath().get("/flaky");
        assertThat(f.page().title()).isEqualTo("Recovered");
        assertThat(f.request().attempt()).isEqualTo(2);
        assertThat(run.summary().retries()).isEqualTo(1);
        assertThat(run.summary().statuses()).containsEntry(500, 1L).containsEntry(200, 1L);
    }

    @Test
    void retriesAConnectionResetThenSucceeds() throws Exception {
        // Two resets, then a page. The JDK client silently retries a GET once when the
        // connection dies before the response starts; the second reset is ours to retry.
        wm.stubFor(
                get(urlEqualTo("/reset"))
                        .inScenario("reset")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                        .willSetStateTo("again"));
        wm.stubFor(
                get(urlEqualTo("/reset"))
                        .inScenario("reset")
                        .whenScenarioStateIs("again")
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                        .willSetStateTo("ok"));
        wm.stubFor(
                get(urlEqualTo("/reset"))
                        .inScenario("reset")
                        .whenScenarioStateIs("ok")
                        .willReturn(ok(html("Fine")).withHeader("Content-Type", "text/html")));

        Run run = crawl(config().build(), url("/reset"));

        CrawlResult.Fetched f = (CrawlResult.Fetched) run.sink().byPath().get("/reset");
        assertThat(f.page().title()).isEqualTo("Fine");
        assertThat(f.request().attempt()).isGreaterThanOrEqualTo(2);
        assertThat(run.summary().retries()).isGreaterThanOrEqualTo(1);
        wm.verify(3, getRequestedFor(urlEqualTo("/reset")));
    }

    @Test
    void permanentResetFailsAfterMaxAttemptsWithTheReason() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/broken"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Run run = crawl(config().maxAttempts(3).build(), url("/broken"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/broken");
        assertThat(f.request().attempt()).isEqualTo(3);
        assertThat(f.error()).startsWith("io:").contains("3 attempts");
        assertThat(f.response()).isEmpty();
    }

    @Test
    void permanent500FailsAfterMaxAttempts() throws Exception {
        wm.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));

        Run run = crawl(config().maxAttempts(3).build(), url("/down"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/down");
        assertThat(f.request().attempt()).isEqualTo(3);
        assertThat(f.error()).contains("HTTP 500").contains("3 attempts");
        assertThat(f.response()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(500));
        wm.verify(3, getRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void notFoundIsFinalAtOnce() throws Exception {
        wm.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));

        Run run = crawl(config().build(), url("/gone"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/gone");
        assertThat(f.error()).isEqualTo("HTTP 404");
        assertThat(run.summary().retries()).isZero();
        wm.verify(1, getRequestedFor(urlEqualTo("/gone")));
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/busy"))
                        .inScenario("busy")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                        .willSetStateTo("free"));
        wm.stubFor(
                get(urlEqualTo("/busy"))
                        .inScenario("busy")
                        .whenScenarioStateIs("free")
                        .willReturn(ok(html("Free")).withHeader("Content-Type", "text/html")));

        Run run = crawl(config().build(), url("/busy")); // backoff alone would be ~10 ms

        assertThat(run.sink().byPath().get("/busy")).isInstanceOf(CrawlResult.Fetched.class);
        List<ServeEvent> events = served("/busy");
        assertThat(events).hasSize(2);
        long gapMillis =
                events.get(1).getRequest().getLoggedDate().getTime()
                        - events.get(0).getRequest().getLoggedDate().getTime();
        assertThat(gapMillis).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void retryAfterLongerThanTheMaximumFails() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/later"))
                        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));

        Run run = crawl(config().build(), url("/later"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/later");
        assertThat(f.error()).contains("HTTP 503").contains("Retry-After 3600s");
        wm.verify(1, getRequestedFor(urlEqualTo("/later")));
    }

    @Test
    void slowHeadersHitTheDeadlineAndFail() throws Exception {
        wm.stubFor(get(urlEqualTo("/slow")).willReturn(ok(html("Slow")).withFixedDelay(5_000)));

        Run run =
                crawl(
                        config().fetchTimeout(Duration.ofMillis(300)).maxAttempts(2).build(),
                        url("/slow"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/slow");
        assertThat(f.error()).startsWith("timeout").contains("2 attempts");
    }

    @Test
    void aDribbledBodyHitsTheTotalDeadline() throws Exception {
        // Headers arrive at once, the body takes 4 s: the JDK's request timeout alone would not
        // fire; the total fetch deadline must.
        wm.stubFor(
                get(urlEqualTo("/drip"))
                        .willReturn(
                                ok(html("Drip", "/x".repeat(200)))
                                        .withHeader("Content-Type", "text/html")
                                        .withChunkedDribbleDelay(20, 4_000)));

        Run run =
                crawl(
                        config().fetchTimeout(Duration.ofMillis(500)).maxAttempts(1).build(),
                        url("/drip"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/drip");
        assertThat(f.error()).startsWith("timeout");
    }

    @Test
    void stopsAtMaxDepth() throws Exception {
        for (int i = 0; i < 6; i++) {
            page("/d" + i, "Depth " + i, "/d" + (i + 1));
        }

        Run run = crawl(config().maxDepth(3).build(), url("/d0"));

        assertThat(run.summary().fetched()).isEqualTo(4);
        assertThat(run.sink().byPath()).containsOnlyKeys("/d0", "/d1", "/d2", "/d3");
        assertThat(run.summary().rejected()).containsEntry(Rejection.TOO_DEEP.label(), 1L);
        wm.verify(0, getRequestedFor(urlEqualTo("/d4")));
    }

    @Test
    void stopsAtMaxPages() throws Exception {
        String[] links = new String[30];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/p" + i;
            page("/p" + i, "P" + i);
        }
        page("/", "Root", links);

        Run run = crawl(config().maxPages(10).build(), url("/"));

        assertThat(run.summary().admitted()).isEqualTo(10);
        assertThat(run.summary().fetched()).isEqualTo(10);
        assertThat(run.summary().rejected()).containsEntry(Rejection.OVER_BUDGET.label(), 21L);
        assertThat(wm.getAllServeEvents()).hasSize(10);
    }

    @Test
    void deduplicatesEquivalentUrls() throws Exception {
        String base = wm.baseUrl();
        String upper = base.replace("http://", "HTTP://");
        page("/", "Root", "/same", "/same#top", upper + "/same", "/x/../same", "./same", "/same?");

        Run run = crawl(config().build(), url("/"), url("/"), url("/#again"));

        wm.verify(1, getRequestedFor(urlEqualTo("/same")));
        wm.verify(1, getRequestedFor(urlEqualTo("/")));
        assertThat(run.summary().admitted()).isEqualTo(2);
        // two seeds, and the four link strings the parser passes on besides the first ("./same"
        // resolves to the same string as "/same" already in the parser)
        assertThat(run.summary().rejected()).containsEntry(Rejection.DUPLICATE.label(), 6L);
    }

    @Test
    void decodesGzipAndFollowsRedirects() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(html("Zipped", "/moved").getBytes(StandardCharsets.UTF_8));
        }
        wm.stubFor(
                get(urlEqualTo("/zip"))
                        .willReturn(
                                ok().withBody(gz.toByteArray())
                                        .withHeader("Content-Type", "text/html; charset=utf-8")
                                        .withHeader("Content-Encoding", "gzip")));
        wm.stubFor(
                get(urlEqualTo("/moved"))
                        .willReturn(aResponse().withStatus(301).withHeader("Location", "/target")));
        page("/target", "Target");

        Run run = crawl(config().build(), url("/zip"));

        assertThat(((CrawlResult.Fetched) run.sink().byPath().get("/zip")).page().title())
                .isEqualTo("Zipped");
        // The redirect is recorded with where it led; the target is crawled as its own URL.
        CrawlResult.Skipped moved = (CrawlResult.Skipped) run.sink().byPath().get("/moved");
        assertThat(moved.reason()).isEqualTo("redirected (301) to " + url("/target"));
        assertThat(moved.response()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(301));
        CrawlResult.Fetched target = (CrawlResult.Fetched) run.sink().byPath().get("/target");
        assertThat(target.page().title()).isEqualTo("Target");
        assertThat(target.request().redirects()).isEqualTo(1);
        assertThat(target.request().parent())
                .hasValueSatisfying(p -> assertThat(p.getPath()).isEqualTo("/moved"));
        assertThat(target.request().depth()).isEqualTo(moved.request().depth());
    }

    @Test
    void redirectLoopEndsAtTheFirstRepeatedUrl() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/loop1"))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop2")));
        wm.stubFor(
                get(urlEqualTo("/loop2"))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop1")));

        Run run = crawl(config().build(), url("/loop1"));

        assertThat(((CrawlResult.Skipped) run.sink().byPath().get("/loop2")).reason())
                .isEqualTo("redirected (302) to " + url("/loop1") + ", not followed: duplicate");
        wm.verify(1, getRequestedFor(urlEqualTo("/loop1")));
        wm.verify(1, getRequestedFor(urlEqualTo("/loop2")));
    }

    @Test
    void aLongRedirectChainStopsAtTheHopLimit() throws Exception {
        for (int i = 0; i < 10; i++) {
            wm.stubFor(
                    get(urlEqualTo("/hop" + i))
                            .willReturn(
                                    aResponse()
                                            .withStatus(301)
                                            .withHeader("Location", "/hop" + (i + 1))));
        }

        Run run = crawl(config().maxRedirects(3).build(), url("/hop0"));

        CrawlResult.Failed last = (CrawlResult.Failed) run.sink().byPath().get("/hop3");
        assertThat(last.error()).startsWith("too many redirects (more than 3)");
        assertThat(run.summary().admitted()).isEqualTo(4);
        wm.verify(0, getRequestedFor(urlEqualTo("/hop4")));
    }

    @Test
    void aRedirectOffTheSeedsHostsIsRecordedAndNotFollowed() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/away"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Location", "http://elsewhere.invalid/x")));

        Run run = crawl(config().build(), url("/away"));

        assertThat(((CrawlResult.Skipped) run.sink().byPath().get("/away")).reason())
                .isEqualTo(
                        "redirected (302) to http://elsewhere.invalid/x, not followed: off-host");
    }

    @Test
    void malformedSeedsAreReportedAndSkipped() throws Exception {
        page("/ok", "OK");

        CollectingSink sink = new CollectingSink();
        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder()
                        .config(config().build())
                        .seeds("not a url", "ftp://example.invalid/file", url("/ok"), "http://")
                        .sink(sink)
                        .build()) {
            summary = crawler.run();
        }

        assertLedger(summary, sink);
        assertThat(summary.fetched()).isEqualTo(1);
        assertThat(summary.seedErrors()).isEqualTo(3);
    }

    @Test
    void sendsTheConfiguredUserAgent() throws Exception {
        page("/ua", "UA");

        crawl(config().userAgent("test-agent/1.0").build(), url("/ua"));

        wm.verify(
                getRequestedFor(urlEqualTo("/ua"))
                        .withHeader(
                                "User-Agent",
                                com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                                        "test-agent/1.0"))
                        .withHeader(
                                "Accept-Encoding",
                                com.github.tomakehurst.wiremock.client.WireMock.containing(
                                        "gzip")));
    }

    @Test
    void rateLimitHoldsInEverySlidingSecond() throws Exception {
        String[] links = new String[24];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/r" + i;
            page("/r" + i, "R" + i);
        }
        page("/", "Root", links);
        int rate = 8;

        Run run = crawl(config().workers(10).maxRequestsPerSecond(rate).build(), url("/"));

        assertThat(run.summary().fetched()).isEqualTo(25);
        List<Long> times =
                wm.getAllServeEvents().stream()
                        .map(e -> e.getRequest().getLoggedDate().getTime())
                        .sorted()
                        .toList();
        assertThat(times).hasSize(25);
        // No window of one second holds more than R + 1 requests (one refresh of slack).
        for (int i = 0; i < times.size(); i++) {
            int inWindow = 0;
            for (int j = i; j < times.size() && times.get(j) - times.get(i) < 1000; j++) {
                inWindow++;
            }
            assertThat(inWindow)
                    .as("requests in the second after #%d", i)
                    .isLessThanOrEqualTo(rate + 1);
        }
        // One permit per 125 ms period: 25 requests span at least 23 whole periods (the first
        // and last may sit at opposite ends of their periods).
        assertThat(times.get(times.size() - 1) - times.get(0))
                .isGreaterThanOrEqualTo(23 * 1000 / rate);
    }

    @Test
    void cancelStopsCleanlyAndAccountsForEveryUrl() throws Exception {
        // An endless site: every page links to 5 new ones, each answered slowly.
        StringBuilder links = new StringBuilder("<html><body>");
        for (int i = 0; i < 5; i++) {
            links.append("<a href=\"{{request.path}}/")
                    .append(i)
                    .append("\">")
                    .append(i)
                    .append("</a>");
        }
        wm.stubFor(
                get(urlPathMatching("/inf(/.*)?"))
                        .willReturn(
                                ok(links + "</body></html>")
                                        .withHeader("Content-Type", "text/html")
                                        .withTransformers("response-template")
                                        .withFixedDelay(50)));
        CountDownLatch someDone = new CountDownLatch(20);
        CollectingSink sink = new CollectingSink();
        CrawlConfig cfg = config().maxDepth(50).workers(4).build();
        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder()
                        .config(cfg)
                        .seeds(url("/inf"))
                        .sink(sink)
                        .sink(r -> someDone.countDown())
                        .build()) {
            CompletableFuture<CrawlSummary> running = crawler.start();
            assertThat(someDone.await(60, TimeUnit.SECONDS)).isTrue();
            crawler.cancel();
            summary = running.get(60, TimeUnit.SECONDS);
        }

        assertThat(summary.cancelled()).isTrue();
        assertLedger(summary, sink);
        assertThat(summary.fetched()).isGreaterThanOrEqualTo(20);
        assertThat(summary.skipped()).isPositive(); // the queued links, recorded as cancelled
        assertThat(sink.results())
                .filteredOn(
                        r -> r instanceof CrawlResult.Skipped s && s.reason().equals("cancelled"))
                .hasSize((int) summary.skipped());
    }

    @Test
    void aFailingSinkStopsTheCrawlWithAnError() throws Exception {
        String[] links = new String[20];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/s" + i;
            page("/s" + i, "S" + i);
        }
        page("/", "Root", links);

        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder()
                        .config(config().build())
                        .seeds(url("/"))
                        .sink(
                                r -> {
                                    throw new java.io.UncheckedIOException(
                                            new IOException("disk full"));
                                })
                        .build()) {
            // a failed crawl cannot pass for a finished one: run() throws, with the summary
            CrawlFailedException failed =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            CrawlFailedException.class, crawler::run);
            assertThat(failed.getMessage()).contains("disk full");
            summary = failed.summary();
        }

        assertThat(summary.error()).hasValueSatisfying(e -> assertThat(e).contains("disk full"));
        assertThat(summary.ledgerBalanced()).isTrue();
        CrawlAssertions.assertHttpClientsClosed();
    }
}
