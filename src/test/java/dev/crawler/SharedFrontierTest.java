package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.redis.RedisFrontier;
import dev.crawler.sink.CrawlResult;
import dev.crawler.testing.LocalRedis;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several crawlers sharing one frontier in a real redis-server: each test is one crawl (its own
 * name), run by three {@link Crawler}s in this JVM, each with its own connection pool, robots.txt
 * cache and fetchers, exactly as three processes would (the SIGKILL case, with real processes, is
 * {@link SharedFrontierKillTest}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedFrontierTest extends SharedCrawlFixture {
    @Test
    void threeCrawlersFetchEveryPageExactlyOnceAndTheLedgerAddsUp() throws Exception {
        stubTree();
        List<TestCrawls.Run> runs = runTogether(3, shared("once").build(), wm.url("/p/0"));

        for (int i = 0; i < PAGES; i++) {
            wm.verify(1, getRequestedFor(urlEqualTo("/p/" + i)));
        }
        Set<String> urls = new HashSet<>();
        int records = 0;
        for (TestCrawls.Run run : runs) {
            for (CrawlResult r : run.sink().results()) {
                assertThat(r).isInstanceOf(CrawlResult.Fetched.class);
                assertThat(urls.add(r.request().url().toString()))
                        .as("one record per URL across processes: %s", r.request().url())
                        .isTrue();
                records++;
            }
        }
        assertThat(records).isEqualTo(PAGES);
        for (TestCrawls.Run run : runs) {
            // every process reports the shared crawl's ledger, and it adds up
            CrawlSummary s = run.summary();
            assertThat(s.admitted()).isEqualTo(PAGES);
            assertThat(s.fetched()).isEqualTo(PAGES);
            assertThat(s.failed() + s.skipped() + s.pending()).isZero();
            assertThat(s.cancelled()).isFalse();
        }
    }

    @Test
    void aProcessJoiningWithoutSeedsHelpsAndEndsWithTheCrawl() throws Exception {
        stubTree();
        CrawlConfig config = shared("late").build();
        CountDownLatch started = new CountDownLatch(1);
        CollectingSink early = new CollectingSink();
        CollectingSink late = new CollectingSink();
        try (Crawler first =
                        Crawler.builder()
                                .config(config)
                                .seeds(wm.url("/p/0"))
                                .sink(early)
                                .sink(r -> started.countDown())
                                .build();
                Crawler joiner = Crawler.builder().config(config).sink(late).build()) {
            CompletableFuture<CrawlSummary> a = first.start();
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue(); // the crawl is under way
            CompletableFuture<CrawlSummary> b = joiner.start();
            assertThat(b.get(90, TimeUnit.SECONDS).fetched()).isEqualTo(PAGES);
            assertThat(a.get(90, TimeUnit.SECONDS).fetched()).isEqualTo(PAGES);
        }
        assertThat(early.results().size() + late.results().size()).isEqualTo(PAGES);
        for (int i = 0; i < PAGES; i++) {
            wm.verify(1, getRequestedFor(urlEqualTo("/p/" + i)));
        }
    }

    @Test
    void aCrawlWhoseRedisGoesAwayStopsWithAClearError() throws Exception {
        CountDownLatch underWay = new CountDownLatch(10);
        LocalRedis doomed = new LocalRedis();
        try (TreeSite site = new TreeSite(300, 5)) {
            CrawlConfig config =
                    shared("gone").frontier(doomed.url(0)).respectRobots(false).build();
            CollectingSink sink = new CollectingSink();
            try (Crawler crawler =
                    Crawler.builder()
                            .config(config)
                            .seeds(site.url(0))
                            .sink(sink)
                            .sink(r -> underWay.countDown())
                            .build()) {
                CompletableFuture<CrawlSummary> run = crawler.start();
                assertThat(underWay.await(60, TimeUnit.SECONDS)).isTrue();
                doomed.close(); // Redis goes away mid-crawl
                // it does not hang, and fails
                java.util.concurrent.ExecutionException failed =
                        org.junit.jupiter.api.Assertions.assertThrows(
                                java.util.concurrent.ExecutionException.class,
                                () -> run.get(60, TimeUnit.SECONDS));
                assertThat(failed.getCause()).isInstanceOf(CrawlFailedException.class);
                CrawlSummary summary = ((CrawlFailedException) failed.getCause()).summary();
                assertThat(summary.error())
                        .hasValueSatisfying(
                                e ->
                                        assertThat(e)
                                                .contains("lost the shared frontier at redis://"));
                assertThat(summary.cancelled()).isTrue();
                assertThat(sink.results().size()).isLessThan(300);
            }
        } finally {
            doomed.close();
        }
    }

    @Test
    void anUnreachableRedisIsAClearError() {
        CrawlConfig config = CrawlConfig.builder().frontier("redis://127.0.0.1:1/0").build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Crawler.builder().config(config).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot reach the shared frontier at redis://127.0.0.1:1/0");
    }

    @Test
    void aFinishedSharedCrawlLeavesNothingBehindButItsLedger() throws Exception {
        stubTree();
        List<TestCrawls.Run> runs = runTogether(2, shared("clean").build(), wm.url("/p/0"));
        assertThat(runs.get(1).summary().fetched()).isEqualTo(PAGES);
        try (RedisFrontier f = RedisFrontier.connect(shared("clean").build())) {
            FrontierStats s = f.stats();
            assertThat(s.outstanding()).isZero();
            assertThat(s.ready()).isZero();
            assertThat(s.retriesPending()).isZero();
        }
    }
}
