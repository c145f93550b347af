package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.redis.RedisFrontier;
import dev.crawler.politeness.Permits;
import dev.crawler.sink.CrawlResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Politeness across processes sharing a crawl: retries and robots.txt, the host delay, the rate
 * limit, cookies and POST dedup.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedPolitenessTest extends SharedCrawlFixture {
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
    void theCrawlWaitsForTheSitemapsOfARobotsTxtEvenWhenItsOnlyPageIsQuick() throws Exception {
        // Before: the URLs that waited for robots.txt went back to the queue before its sitemaps
        // were offered, and a quick last page ended the crawl without them. Thousands of sitemaps
        // on other hosts (each refused) widen that window.
        String base = TestCrawls.siteOfLateSitemaps(wm);

        TestCrawls.Run run = runTogether(1, shared("sitemaps-wait").build(), base + "/").get(0);

        assertThat(run.sink().byPath()).containsKeys("/", "/sitemap.xml", "/listed");
        assertThat(run.summary().fetched()).isEqualTo(3);
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
}
