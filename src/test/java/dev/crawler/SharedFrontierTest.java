package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.Permits;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.redis.RedisFrontier;
import dev.crawler.sink.CrawlResult;
import dev.crawler.testing.LocalRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several crawlers sharing one frontier in a real redis-server: each test is one crawl (its own
 * name), run by three {@link Crawler}s in this JVM, each with its own connection pool, robots.txt
 * cache and fetchers, exactly as three processes would (the SIGKILL case, with real processes, is
 * {@link SharedFrontierKillTest}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedFrontierTest {
    private static final int PAGES = 63;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = new LocalRedis();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    /** A binary tree of pages: /p/i links to /p/(2i+1) and /p/(2i+2). */
    private static void stubTree() {
        for (int i = 0; i < PAGES; i++) {
            List<String> links = new ArrayList<>();
            for (int c : new int[] {2 * i + 1, 2 * i + 2}) {
                if (c < PAGES) {
                    links.add("/p/" + c);
                }
            }
            TestCrawls.page(wm, "/p/" + i, "page " + i, links.toArray(String[]::new));
        }
    }

    private static CrawlConfig.Builder shared(String name) {
        return CrawlConfig.builder()
                .frontier(redis.url(0))
                .crawlName(name)
                .leaseTime(Duration.ofSeconds(5))
                .workers(4)
                .hostConcurrency(4)
                .hostDelay(Duration.ZERO)
                .adaptiveDelay(false)
                .maxDepth(10);
    }

    /** Runs {@code n} crawlers of one shared crawl at once; their results, crawler by crawler. */
    private static List<TestCrawls.Run> runTogether(int n, CrawlConfig config, String seed)
            throws Exception {
        List<Crawler> crawlers = new ArrayList<>();
        List<CollectingSink> sinks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CollectingSink sink = new CollectingSink();
            sinks.add(sink);
            crawlers.add(Crawler.builder().config(config).seeds(seed).sink(sink).build());
        }
        List<CompletableFuture<CrawlSummary>> runs = crawlers.stream().map(Crawler::start).toList();
        List<TestCrawls.Run> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new TestCrawls.Run(runs.get(i).get(90, TimeUnit.SECONDS), sinks.get(i)));
            crawlers.get(i).close();
        }
        return out;
    }

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
    void retriesAndRobotsRulesWorkAcrossCrawlers() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .willReturn(ok("User-agent: *\nDisallow: /private/\n")));
        TestCrawls.page(wm, "/", "root", "/a", "/private/x", "/flaky");
        TestCrawls.page(wm, "/a", "a");
        TestCrawls.page(wm, "/private/x", "private");
        wm.stubFor(
                get(urlEqualTo("/flaky"))
                        .inScenario("shared-flaky")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503))
                        .willSetStateTo("recovered"));
        wm.stubFor(
                get(urlEqualTo("/flaky"))
                        .inScenario("shared-flaky")
                        .whenScenarioStateIs("recovered")
                        .willReturn(
                                ok(TestCrawls.html("Recovered"))
                                        .withHeader("Content-Type", "text/html")));
        CrawlConfig config =
                shared("rules")
                        .retryBaseDelay(Duration.ofMillis(50))
                        .retryMaxDelay(Duration.ofMillis(200))
                        .build();
        List<TestCrawls.Run> runs = runTogether(2, config, wm.url("/"));

        wm.verify(0, getRequestedFor(urlEqualTo("/private/x")));
        wm.verify(2, getRequestedFor(urlEqualTo("/flaky")));
        wm.verify(1, getRequestedFor(urlEqualTo("/a")));
        List<CrawlResult> all = new ArrayList<>();
        runs.forEach(r -> all.addAll(r.sink().results()));
        assertThat(all).hasSize(4);
        CrawlResult flaky =
                all.stream()
                        .filter(r -> r.request().url().getPath().equals("/flaky"))
                        .findFirst()
                        .orElseThrow();
        assertThat(flaky).isInstanceOf(CrawlResult.Fetched.class);
        assertThat(flaky.request().attempt()).isEqualTo(2);
        CrawlResult hidden =
                all.stream()
                        .filter(r -> r.request().url().getPath().equals("/private/x"))
                        .findFirst()
                        .orElseThrow();
        assertThat(hidden)
                .isInstanceOfSatisfying(
                        CrawlResult.Skipped.class,
                        sk -> assertThat(sk.reason()).contains("robots.txt"));
        CrawlSummary s = runs.get(0).summary();
        assertThat(s.admitted()).isEqualTo(4);
        assertThat(s.fetched()).isEqualTo(3);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(runs.get(0).summary().retries() + runs.get(1).summary().retries()).isEqualTo(1);
    }

    @Test
    void theHostDelayHoldsAcrossThreeCrawlers() throws Exception {
        long delayMillis = 120;
        int pages = 12;
        ConcurrentLinkedQueue<long[]> visits = new ConcurrentLinkedQueue<>(); // {start, end}
        try (LoopbackServer site =
                new LoopbackServer(
                        ex -> {
                            long start = System.nanoTime();
                            try (ex) {
                                int i = Integer.parseInt(ex.getRequestURI().getPath().substring(3));
                                StringBuilder body = new StringBuilder("<html><body>");
                                for (int c : new int[] {2 * i + 1, 2 * i + 2}) {
                                    if (c < pages) {
                                        body.append("<a href=\"/p/").append(c).append("\">x</a>");
                                    }
                                }
                                byte[] bytes =
                                        body.append("</body></html>")
                                                .toString()
                                                .getBytes(StandardCharsets.UTF_8);
                                ex.getResponseHeaders().add("Content-Type", "text/html");
                                // before the answer leaves: the client cannot have it earlier
                                visits.add(new long[] {start, System.nanoTime()});
                                ex.sendResponseHeaders(200, bytes.length);
                                try (OutputStream o = ex.getResponseBody()) {
                                    o.write(bytes);
                                }
                            } catch (IOException | RuntimeException e) {
                                // the client went away: its visit is counted already
                            }
                        })) {
            CrawlConfig config =
                    shared("delay")
                            .hostConcurrency(1)
                            .hostDelay(Duration.ofMillis(delayMillis))
                            .respectRobots(false)
                            .build();
            List<TestCrawls.Run> runs = runTogether(3, config, site.url("/p/0"));
            assertThat(runs.get(0).summary().fetched()).isEqualTo(pages);

            List<long[]> sorted = new ArrayList<>(visits);
            sorted.sort((a, b) -> Long.compare(a[0], b[0]));
            assertThat(sorted).hasSize(pages);
            for (int k = 1; k < sorted.size(); k++) {
                long gapMillis =
                        TimeUnit.NANOSECONDS.toMillis(sorted.get(k)[0] - sorted.get(k - 1)[1]);
                // from the moment one answer starts to leave to the next request's arrival, at the
                // server (a lower bound of the real gap, whatever the load);
                // 2 ms for the millisecond clocks of Redis and of the hold
                assertThat(gapMillis)
                        .as("gap before request %d", k)
                        .isGreaterThanOrEqualTo(delayMillis - 2);
            }
            int shares = 0;
            for (TestCrawls.Run run : runs) {
                shares += run.sink().results().size();
            }
            assertThat(shares).isEqualTo(pages);
        }
    }

    @Test
    void theRateLimitIsSharedByTheProcesses() throws Exception {
        double rate = 50;
        int permitsEach = 10;
        CrawlConfig config = shared("rate").maxRequestsPerSecond(rate).build();
        List<RedisFrontier> frontiers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                frontiers.add(RedisFrontier.connect(config));
            }
            long start = System.nanoTime();
            List<Future<Boolean>> all = new ArrayList<>();
            for (RedisFrontier f : frontiers) {
                Permits permits = f.sharedRateLimit(rate);
                for (int k = 0; k < permitsEach; k++) {
                    all.add(threads.submit(permits::acquire));
                }
            }
            for (Future<Boolean> f : all) {
                assertThat(f.get()).isTrue();
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // 30 permits one 1/50 s apart: the last is at least 29/50 s after the first, whatever
            // process asked (three separate limiters at 50/s each would give them in 0.2 s)
            assertThat(elapsedMillis)
                    .isGreaterThanOrEqualTo((long) ((3 * permitsEach - 1) * 1000 / rate) - 2);
        } finally {
            frontiers.forEach(RedisFrontier::close);
        }
    }

    @Test
    void aProcessJoiningLaterHasTheCookiesAndPostsAreDeduplicatedOnTheirBody() throws Exception {
        wm.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/login"))
                        .willReturn(
                                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader("Set-Cookie", "sid=shared; Path=/")
                                        .withBody("<title>in</title>")));
        TestCrawls.page(wm, "/inside", "inside");
        wm.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/form"))
                        .willReturn(
                                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>posted</title>")));
        CrawlConfig config = shared("cookies").respectRobots(false).build();
        TestCrawls.Run first = runTogether(1, config, wm.url("/login")).get(0);
        assertThat(first.summary().fetched()).isEqualTo(1);
        CollectingSink sink = new CollectingSink();
        try (Crawler later =
                Crawler.builder()
                        .config(config)
                        .seeds(
                                dev.crawler.seed.Seed.of(wm.url("/inside")),
                                dev.crawler.seed.Seed.of(wm.url("/form"))
                                        .post(dev.crawler.seed.RequestBody.form(Map.of("a", "1"))),
                                dev.crawler.seed.Seed.of(wm.url("/form"))
                                        .post(dev.crawler.seed.RequestBody.form(Map.of("a", "1"))),
                                dev.crawler.seed.Seed.of(wm.url("/form"))
                                        .post(dev.crawler.seed.RequestBody.form(Map.of("a", "2"))))
                        .sink(sink)
                        .build()) {
            CrawlSummary s = later.run();
            assertThat(s.fetched()).isEqualTo(4); // the shared ledger: /login, /inside, 2 bodies
            assertThat(s.rejected()).containsEntry("duplicate", 1L);
        }
        wm.verify(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                urlEqualTo("/form"))
                        .withRequestBody(
                                com.github.tomakehurst.wiremock.client.WireMock.equalTo("a=1")));
        // before: a process that joined (or resumed) the shared crawl started with an empty jar
        wm.verify(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                urlEqualTo("/inside"))
                        .withHeader(
                                "Cookie",
                                com.github.tomakehurst.wiremock.client.WireMock.containing(
                                        "sid=shared")));
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
