package dev.crawler.fetch;

import dev.crawler.politeness.Permits;
import dev.crawler.request.CrawlRequest;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * Caps the global request rate in front of another {@link Fetcher}, with a resilience4j {@link
 * RateLimiter} that hands out one permit per {@code 1/R} seconds. One permit per short period,
 * rather than R permits per second, keeps any sliding second to at most R + 1 requests; R permits
 * per one-second period would let 2R through across a period boundary.
 *
 * <p>Thread-safe: the limiter is lock-free, and a waiting fetcher parks (virtual threads unmount).
 */
public final class RateLimitedFetcher implements Fetcher {
    private final Fetcher delegate;
    private final Permits permits;

    /**
     * Wraps {@code delegate}.
     *
     * @param requestsPerSecond the cap, above zero
     * @param permitTimeout longest wait for a permit before the request is handed back as {@link
     *     FetchResult.Throttled}
     */
    public RateLimitedFetcher(Fetcher delegate, double requestsPerSecond, Duration permitTimeout) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "requestsPerSecond must be positive: " + requestsPerSecond);
        }
        long periodNanos = Math.max(1L, Math.round(1_000_000_000d / requestsPerSecond));
        RateLimiter limiter =
                RateLimiter.of(
                        "crawl",
                        RateLimiterConfig.custom()
                                .limitForPeriod(1)
                                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                                .timeoutDuration(permitTimeout)
                                .build());
        this.delegate = delegate;
        this.permits = limiter::acquirePermission;
    }

    /** Wraps {@code delegate} with permits from elsewhere (a limiter shared by processes). */
    public RateLimitedFetcher(Fetcher delegate, Permits permits) {
        this.delegate = delegate;
        this.permits = permits;
    }

    @Override
    public FetchResult fetch(CrawlRequest request, FetchSpec spec) throws InterruptedException {
        boolean permitted = permits.acquire();
        if (Thread.interrupted()) {
            throw new InterruptedException("cancelled while waiting for a rate-limit permit");
        }
        return permitted ? delegate.fetch(request, spec) : new FetchResult.Throttled(request);
    }
}
