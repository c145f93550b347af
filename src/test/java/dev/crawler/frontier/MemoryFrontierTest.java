package dev.crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.config.CrawlConfig;
import dev.crawler.url.Rejection;
import dev.crawler.url.UrlNormalizer;
import dev.crawler.url.UrlScope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryFrontierTest {
    private static MemoryFrontier frontier(long maxPages) {
        CrawlConfig config = CrawlConfig.builder().maxDepth(2).build();
        return new MemoryFrontier(new UrlNormalizer(), new UrlScope(config), maxPages);
    }

    private static CrawlRequest admitted(Admission a) {
        assertThat(a).isInstanceOf(Admission.Admitted.class);
        return ((Admission.Admitted) a).request();
    }

    @Test
    void admitsEachNormalizedUrlOnce() {
        MemoryFrontier f = frontier(0);
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        assertThat(f.offer("http://example.com/a", seed)).isInstanceOf(Admission.Admitted.class);
        assertThat(f.offer("http://EXAMPLE.com:80/a#x", seed))
                .isEqualTo(new Admission.Rejected(Rejection.DUPLICATE, "http://example.com/a"));
        assertThat(f.offer("http://other.example/a", seed))
                .isInstanceOfSatisfying(
                        Admission.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(Rejection.OFF_HOST));
        assertThat(f.stats().admitted()).isEqualTo(2);
        assertThat(f.stats().rejected(Rejection.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void enforcesDepthAndBudget() {
        MemoryFrontier f = frontier(3);
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        CrawlRequest d1 = admitted(f.offer("http://example.com/1", seed));
        CrawlRequest d2 = admitted(f.offer("http://example.com/2", d1));
        assertThat(d2.depth()).isEqualTo(2);
        assertThat(((Admission.Rejected) f.offer("http://example.com/3", d2)).reason())
                .isEqualTo(Rejection.TOO_DEEP);
        assertThat(((Admission.Rejected) f.offer("http://example.com/4", seed)).reason())
                .isEqualTo(Rejection.OVER_BUDGET);
        assertThat(f.stats().admitted()).isEqualTo(3);
    }

    @Test
    void handsOutLinksInOrderAndRetriesWhenDue() throws Exception {
        MemoryFrontier f = frontier(0);
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        CrawlRequest a = admitted(f.offer("http://example.com/a", seed));
        CrawlRequest b = admitted(f.offer("http://example.com/b", seed));
        assertThat(f.take()).contains(a);
        assertThat(f.retry(a.nextAttempt(), Duration.ofHours(1))).isTrue(); // not due for an hour
        assertThat(f.retry(seed.nextAttempt(), Duration.ZERO)).isTrue();
        assertThat(f.take()).contains(b);
        assertThat(f.take()).contains(seed.nextAttempt());
        assertThat(f.stats().retriesPending()).isEqualTo(1);

        CompletableFuture<Optional<CrawlRequest>> waiting =
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
        assertThat(((Admission.Rejected) f.offer("http://example.com/c", seed)).reason())
                .isEqualTo(Rejection.CLOSED);
    }

    @Test
    void aDueRetryWakesAWaitingTake() throws Exception {
        MemoryFrontier f = frontier(0);
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        f.retry(seed.nextAttempt(), Duration.ofMillis(50));
        assertThat(f.take()).contains(seed.nextAttempt());
    }

    @Test
    void isIdleOnlyWhenProducersAreDoneAndNothingIsOutstanding() {
        MemoryFrontier f = frontier(0);
        f.producerStarted();
        CrawlRequest seed = admitted(f.admitSeed("http://example.com/"));
        CrawlRequest a = admitted(f.offer("http://example.com/a", seed));
        f.complete(seed, Outcome.FETCHED);
        f.producerFinished();
        assertThat(f.idle()).isNotDone(); // /a is still outstanding
        f.retry(a.nextAttempt(), Duration.ZERO);
        assertThat(f.idle()).isNotDone(); // a pending retry is outstanding
        f.complete(a.nextAttempt(), Outcome.FAILED);
        assertThat(f.idle()).isDone();
        FrontierStats s = f.stats();
        assertThat(s.admitted()).isEqualTo(s.fetched() + s.failed() + s.skipped());
        assertThat(s.outstanding()).isZero();
    }
}
