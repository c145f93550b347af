package dev.crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.politeness.RobotsParser;
import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Outcome;
import dev.crawler.request.Via;
import dev.crawler.url.Rejection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocalFrontierTest {
    private static final HostFeedback OK =
            new HostFeedback.Answered(200, Duration.ofMillis(1), Optional.empty());

    private static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .maxDepth(2)
                .respectRobots(false)
                .hostDelay(Duration.ZERO)
                .hostConcurrency(100);
    }

    private static CrawlRequest admitted(Admission a) {
        assertThat(a).isInstanceOf(Admission.Admitted.class);
        return ((Admission.Admitted) a).request();
    }

    private static CrawlRequest fetch(LocalFrontier f) throws InterruptedException {
        Task t = f.take().orElseThrow();
        assertThat(t).isInstanceOf(Task.Fetch.class);
        return ((Task.Fetch) t).request();
    }

    @Test
    void hostsLongIdleAreDroppedAndBusyOnesKept() throws Exception {
        LocalFrontier f =
                new LocalFrontier(
                        config().sameHost(false).build(),
                        new UrlStore.Memory(),
                        new HostTable.Eviction(10, 0));
        for (int i = 0; i < 40; i++) {
            CrawlRequest seed = admitted(f.admitSeed("http://h" + i + ".example/"));
            f.offer("http://h" + i + ".example/second", seed, Via.LINK);
        }
        // one URL of each host in hand and done: every host still has its second waiting
        for (int i = 0; i < 40; i++) {
            CrawlRequest r = fetch(f);
            f.release(r, OK);
            f.complete(r, Completion.of(Outcome.FETCHED, ""));
        }
        assertThat(f.stats().hosts()).as("no host with work is dropped").isEqualTo(40);
        for (int i = 0; i < 40; i++) {
            CrawlRequest r = fetch(f);
            f.release(r, OK);
            f.complete(r, Completion.of(Outcome.FETCHED, ""));
        }
        // before: 40, one per host ever seen, for the whole crawl
        assertThat(f.stats().hosts()).isLessThanOrEqualTo(10);
        // a dropped host that comes back starts afresh
        CrawlRequest back =
                admitted(
                        f.offer(
                                "http://h0.example/third",
                                CrawlRequest.seed(URI.create("http://h0.example/")),
                                Via.LINK));
        assertThat(fetch(f)).isEqualTo(back);
    }

    @Test
    void admitsEachNormalizedUrlOnce() throws Exception {
        LocalFrontier f = new LocalFrontier(config().build());
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        assertThat(f.offer("http://example.com/a", seed, Via.LINK))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(f.offer("http://EXAMPLE.com:80/a#x", seed, Via.LINK))
                .isEqualTo(new Admission.Rejected(Rejection.DUPLICATE, "http://example.com/a"));
        assertThat(f.offer("http://other.example/a", seed, Via.LINK))
                .isInstanceOfSatisfying(
                        Admission.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(Rejection.OFF_HOST));
        assertThat(f.stats().admitted()).isEqualTo(2);
        assertThat(f.stats().rejected(Rejection.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void enforcesDepthAndBudgetButRedirectsKeepTheirDepth() throws Exception {
        LocalFrontier f = new LocalFrontier(config().maxPages(4).build());
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        CrawlRequest d1 = admitted(f.offer("http://example.com/1", seed, Via.LINK));
        CrawlRequest d2 = admitted(f.offer("http://example.com/2", d1, Via.LINK));
        assertThat(d2.depth()).isEqualTo(2);
        assertThat(((Admission.Rejected) f.offer("http://example.com/3", d2, Via.LINK)).reason())
                .isEqualTo(Rejection.TOO_DEEP);
        CrawlRequest moved = admitted(f.offer("http://example.com/2b", d2, Via.REDIRECT));
        assertThat(moved.depth()).isEqualTo(2);
        assertThat(moved.redirects()).isEqualTo(1);
        assertThat(moved.parent()).contains(d2.url());
        assertThat(((Admission.Rejected) f.offer("http://example.com/4", seed, Via.LINK)).reason())
                .isEqualTo(Rejection.OVER_BUDGET);
        assertThat(f.stats().admitted()).isEqualTo(4);
    }

    @Test
    void seedsThatAreSitemapsAreFetchedAsSitemaps() throws Exception {
        LocalFrontier f = new LocalFrontier(config().build());
        assertThat(admitted(f.admitSeed("http://example.com/sitemap.xml")).kind())
                .isEqualTo(CrawlRequest.Kind.SITEMAP);
        assertThat(admitted(f.admitSeed("http://example.com/sitemaps/news-sitemap.xml.gz")).kind())
                .isEqualTo(CrawlRequest.Kind.SITEMAP);
        assertThat(admitted(f.admitSeed("http://example.com/page.html")).kind())
                .isEqualTo(CrawlRequest.Kind.PAGE);
    }

    @Test
    void handsOutInOrderAndRetriesWhenDue() throws Exception {
        LocalFrontier f = new LocalFrontier(config().build());
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        CrawlRequest a = admitted(f.offer("http://example.com/a", seed, Via.LINK));
        CrawlRequest b = admitted(f.offer("http://example.com/b", seed, Via.LINK));
        assertThat(fetch(f)).isEqualTo(seed);
        assertThat(fetch(f)).isEqualTo(a);
        assertThat(f.retry(a.nextAttempt(), Duration.ofHours(1))).isTrue(); // not due for an hour
        assertThat(f.retry(seed.nextAttempt(), Duration.ZERO)).isTrue();
        assertThat(fetch(f)).isEqualTo(seed.nextAttempt()); // a due retry goes first
        assertThat(fetch(f)).isEqualTo(b);
        assertThat(f.stats().retriesPending()).isEqualTo(1);

        CompletableFuture<Optional<Task>> waiting =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return f.take();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        List<CrawlRequest> held = f.closeAndDrain();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty(); // close wakes a waiting take
        assertThat(held).containsExactly(a.nextAttempt());
        assertThat(f.retry(b, Duration.ZERO)).isFalse();
        assertThat(((Admission.Rejected) f.offer("http://example.com/c", seed, Via.LINK)).reason())
                .isEqualTo(Rejection.CLOSED);
    }

    @Test
    void aHostWithoutAFreeSlotWaitsWhileOthersAreServed() throws Exception {
        LocalFrontier f = new LocalFrontier(config().hostConcurrency(1).build());
        CrawlRequest a1 = admitted(f.admitSeed("http://a.example/1"));
        admitted(f.admitSeed("http://a.example/2"));
        CrawlRequest b1 = admitted(f.admitSeed("http://b.example/1"));
        assertThat(fetch(f)).isEqualTo(a1);
        assertThat(fetch(f)).isEqualTo(b1); // a.example has its one request in flight
        CompletableFuture<CrawlRequest> next =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return fetch(f);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        Thread.sleep(100); // give a wrong implementation the chance to hand out a.example/2 early
        assertThat(next).isNotDone();
        f.release(a1, OK);
        assertThat(next.get(10, TimeUnit.SECONDS).url())
                .isEqualTo(URI.create("http://a.example/2"));
    }

    @Test
    void aHostDelaySpacesRequestsToThatHostOnly() throws Exception {
        LocalFrontier f = new LocalFrontier(config().hostDelay(Duration.ofMillis(300)).build());
        admitted(f.admitSeed("http://slow.example/1"));
        admitted(f.admitSeed("http://slow.example/2"));
        admitted(f.admitSeed("http://fast.example/1"));
        long start = System.nanoTime();
        assertThat(fetch(f).url().getHost()).isEqualTo("slow.example");
        assertThat(fetch(f).url().getHost()).isEqualTo("fast.example");
        assertThat(fetch(f).url().getHost()).isEqualTo("slow.example");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void robotsTxtIsFetchedFirstAndItsRulesApply() throws Exception {
        LocalFrontier f = new LocalFrontier(config().respectRobots(true).build());
        CrawlRequest open = admitted(f.admitSeed("http://example.com/open"));
        CrawlRequest closed = admitted(f.admitSeed("http://example.com/private/x"));
        Task first = f.take().orElseThrow();
        assertThat(first)
                .isEqualTo(
                        new Task.FetchRobots(
                                "http://example.com:80",
                                URI.create("http://example.com/robots.txt")));
        byte[] robots =
                "User-agent: *\nDisallow: /private/\nCrawl-delay: 0\n"
                        .getBytes(StandardCharsets.UTF_8);
        f.robotsResolved(
                "http://example.com:80",
                new RobotsOutcome.Known(
                        new RobotsParser("jvm-crawler")
                                .parse(
                                        URI.create("http://example.com/robots.txt"),
                                        robots,
                                        "text/plain")),
                OK);
        assertThat(f.take()).contains(new Task.Fetch(open));
        assertThat(f.take())
                .contains(new Task.Drop(closed, Outcome.SKIPPED, "disallowed by robots.txt"));
    }

    @Test
    void unreachableRobotsTxtHoldsTheHostThenFailsItsUrls() throws Exception {
        LocalFrontier f =
                new LocalFrontier(
                        config().respectRobots(true)
                                .maxAttempts(2)
                                .retryBaseDelay(Duration.ofMillis(10))
                                .build());
        CrawlRequest page = admitted(f.admitSeed("http://example.com/page"));
        for (int i = 0; i < 2; i++) {
            assertThat(f.take().orElseThrow()).isInstanceOf(Task.FetchRobots.class);
            f.robotsResolved(
                    "http://example.com:80",
                    new RobotsOutcome.Unavailable("HTTP 503"),
                    new HostFeedback.Answered(503, Duration.ofMillis(1), Optional.empty()));
        }
        Task last = f.take().orElseThrow();
        assertThat(last)
                .isInstanceOfSatisfying(
                        Task.Drop.class,
                        d -> {
                            assertThat(d.request()).isEqualTo(page);
                            assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
                            assertThat(d.reason()).contains("robots.txt unavailable: HTTP 503");
                        });
    }

    @Test
    void isIdleOnlyWhenProducersAreDoneAndNothingIsOutstanding() throws Exception {
        LocalFrontier f = new LocalFrontier(config().build());
        f.producerStarted();
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        CrawlRequest a = admitted(f.offer("http://example.com/a", seed, Via.LINK));
        f.complete(seed, Completion.of(Outcome.FETCHED, ""));
        f.producerFinished();
        assertThat(f.idle()).isNotDone(); // /a is still outstanding
        f.retry(a.nextAttempt(), Duration.ZERO);
        assertThat(f.idle()).isNotDone(); // a pending retry is outstanding
        f.complete(a.nextAttempt(), Completion.of(Outcome.FAILED, "HTTP 503"));
        assertThat(f.idle()).isDone();
        FrontierStats s = f.stats();
        assertThat(s.admitted()).isEqualTo(s.fetched() + s.failed() + s.skipped());
        assertThat(s.outstanding()).isZero();
    }
}
