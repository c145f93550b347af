package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.config.CrawlConfig;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy =
            new RetryPolicy(
                    CrawlConfig.builder()
                            .maxAttempts(3)
                            .retryBaseDelay(Duration.ofSeconds(1))
                            .retryMaxDelay(Duration.ofSeconds(10))
                            .build());
    private final CrawlRequest first = CrawlRequest.seed(URI.create("http://example.com/"));

    private FetchResult.HttpError status(
            CrawlRequest r, int status, Optional<Duration> retryAfter) {
        return new FetchResult.HttpError(
                r, new ResponseInfo(r.url(), status, "", 0, Duration.ZERO, 0), retryAfter);
    }

    @Test
    void retriesTransientStatusesWithTheNextAttempt() {
        for (int s : new int[] {429, 500, 502, 503, 504}) {
            assertThat(policy.decide(status(first, s, Optional.empty())))
                    .isInstanceOfSatisfying(
                            RetryPolicy.Retry.class,
                            r -> assertThat(r.next().attempt()).isEqualTo(2));
        }
    }

    @Test
    void otherStatusesAreFinal() {
        for (int s : new int[] {400, 401, 403, 404, 410, 451}) {
            assertThat(policy.decide(status(first, s, Optional.empty())))
                    .isEqualTo(new RetryPolicy.GiveUp("HTTP " + s));
        }
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        CrawlRequest third = first.nextAttempt().nextAttempt();
        assertThat(policy.decide(status(third, 503, Optional.empty())))
                .isEqualTo(new RetryPolicy.GiveUp("HTTP 503 (after 3 attempts)"));
    }

    @Test
    void retryAfterIsAFloor() {
        assertThat(policy.decide(status(first, 503, Optional.of(Duration.ofSeconds(7)))))
                .isInstanceOfSatisfying(
                        RetryPolicy.Retry.class,
                        r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(policy.decide(status(first, 503, Optional.of(Duration.ofSeconds(60)))))
                .isInstanceOf(RetryPolicy.GiveUp.class);
    }

    @Test
    void backoffGrowsWithJitterAndIsCapped() {
        for (int i = 0; i < 100; i++) {
            assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(policy.backoff(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(policy.backoff(30)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    @Test
    void networkErrorsAreRetriedButRedirectLoopsAreNot() {
        assertThat(
                        policy.decide(
                                new FetchResult.Error(
                                        first, FetchError.TIMEOUT, "slow", Duration.ZERO)))
                .isInstanceOf(RetryPolicy.Retry.class);
        assertThat(
                        policy.decide(
                                new FetchResult.Error(
                                        first, FetchError.CONNECT, "refused", Duration.ZERO)))
                .isInstanceOf(RetryPolicy.Retry.class);
        assertThat(
                        policy.decide(
                                new FetchResult.Error(
                                        first,
                                        FetchError.TOO_MANY_REDIRECTS,
                                        "loop",
                                        Duration.ZERO)))
                .isEqualTo(new RetryPolicy.GiveUp("too_many_redirects: loop"));
    }

    @Test
    void throttledKeepsItsAttempt() {
        assertThat(policy.decide(new FetchResult.Throttled(first)))
                .isEqualTo(new RetryPolicy.Retry(first, Duration.ZERO));
    }
}
