package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.crawler.CrawlAssertions.assertLedger;
import static dev.crawler.TestCrawls.crawl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.TestCrawls.Run;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlResult;
import dev.crawler.url.Rejection;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrawlerTest extends CrawlerFixture {
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
