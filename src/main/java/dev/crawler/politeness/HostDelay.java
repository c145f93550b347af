package dev.crawler.politeness;

import java.time.Duration;

/**
 * One host's current politeness delay: never below its floor (the configured host delay, or the
 * host's robots.txt Crawl-delay when larger), never above the ceiling. Adaptation reacts to a host
 * getting slower, not to a host being far away or fast: while its recent latency (a moving average)
 * stays within twice its usual one (the lowest seen, drifting up slowly) plus {@value
 * #SLACK_MILLIS} ms, each answer moves the delay halfway back towards the floor; once latency rises
 * past that, each answer moves it halfway towards {@code latency / concurrency}, as Scrapy's
 * AutoThrottle does, and a server error (5xx) never lowers it (a 404 is the host answering well
 * about a missing page). Only evidence about the host slows it down: 429 and 503 double the delay,
 * {@code Retry-After} holds the host off for at least that long, and so do connections that fail
 * and {@value #FAILING_URLS} requests in a row to different URLs that get no answer. One URL that
 * hangs or resets costs its own deadline, not the host's pace. Without adaptation, each good answer
 * halves a raised delay back towards the floor.
 *
 * <p>Not thread-safe: each instance is confined to its host queue, under the frontier's lock.
 */
public final class HostDelay {
    private static final long MIN_OVERLOAD_DELAY_NANOS = Duration.ofMillis(500).toNanos();
    private static final long NEVER = Long.MIN_VALUE;

    private final boolean adaptive;
    private final long ceilingNanos;
    private long floorNanos;
    private long delayNanos;
    private long lastIncreaseNanos = NEVER;

    /** Unanswered requests to different URLs in a row that count as the host failing. */
    static final int FAILING_URLS = 3;

    private int failingUrls;
    private String lastFailedUrl = "";

    /** Latency above twice the usual plus this much is a host slowing down. */
    static final long SLACK_MILLIS = 10;

    private long usualNanos = -1; // the lowest latency seen, drifting up by 1/256 of each excess
    private long recentNanos = -1; // moving average of latency, 1/8 per answer

    /**
     * A delay starting at {@code floor}.
     *
     * @param adaptive whether answers move the delay (overload always does)
     */
    public HostDelay(Duration floor, Duration ceiling, boolean adaptive) {
        this.adaptive = adaptive;
        this.ceilingNanos = ceiling.toNanos();
        this.floorNanos = Math.min(floor.toNanos(), ceilingNanos);
        this.delayNanos = floorNanos;
    }

    /** The delay to keep between requests to this host now. */
    public long currentNanos() {
        return delayNanos;
    }

    /** Raises the floor (a robots.txt Crawl-delay); the delay follows if it was lower. */
    public void raiseFloor(Duration floor) {
        floorNanos = Math.max(floorNanos, Math.min(floor.toNanos(), ceilingNanos));
        delayNanos = Math.max(delayNanos, floorNanos);
    }

    /**
     * Takes one request's outcome into account.
     *
     * @param concurrency requests this host may have in flight at once
     * @param nowNanos the current {@link System#nanoTime()}
     * @return how long the host must now be left alone at least (its delay, or a longer {@code
     *     Retry-After})
     */
    public long update(HostFeedback feedback, int concurrency, long nowNanos) {
        switch (feedback) {
            case HostFeedback.Answered a -> {
                failingUrls = 0;
                lastFailedUrl = "";
                if (a.status() == 429 || a.status() == 503) {
                    overloaded(nowNanos);
                    long retryAfter = a.retryAfter().map(Duration::toNanos).orElse(0L);
                    return Math.max(delayNanos, Math.min(retryAfter, ceilingNanos));
                }
                if (adaptive) {
                    long latency = a.latency().toNanos();
                    long target = slowingDown(latency) ? latency / Math.max(1, concurrency) : 0;
                    long next = (delayNanos + target) / 2;
                    // a server error is no reason to speed up; a 404 is a healthy host answering
                    if (a.status() >= 500 && next < delayNanos) {
                        next = delayNanos; // an error is no reason to speed up
                    }
                    delayNanos = clamp(next);
                } else if (a.status() < 500) {
                    delayNanos = clamp(delayNanos / 2); // back towards the floor
                }
            }
            case HostFeedback.NoAnswer n -> {
                if (!n.url().equals(lastFailedUrl)) {
                    failingUrls++;
                    lastFailedUrl = n.url();
                }
                if (n.connectFailed() || failingUrls >= FAILING_URLS) {
                    overloaded(nowNanos);
                }
            }
            case HostFeedback.NotSent n -> {
                // nothing learned
            }
        }
        return delayNanos;
    }

    /** Takes an answer's latency in; whether the host answers slower than it usually does. */
    private boolean slowingDown(long latency) {
        if (usualNanos < 0) {
            usualNanos = latency;
            recentNanos = latency;
        } else {
            usualNanos = latency < usualNanos ? latency : usualNanos + (latency - usualNanos) / 256;
            recentNanos += (latency - recentNanos) / 8;
        }
        return recentNanos > 2 * usualNanos + SLACK_MILLIS * 1_000_000L;
    }

    /**
     * Doubles the delay, at most once per delay period: answers to requests sent before the last
     * increase say nothing new (like TCP, which halves its window once per round trip), so a burst
     * of errors from many requests in flight does not slam the delay to the ceiling.
     */
    private void overloaded(long nowNanos) {
        if (lastIncreaseNanos != NEVER && nowNanos - lastIncreaseNanos < delayNanos) {
            return;
        }
        lastIncreaseNanos = nowNanos;
        delayNanos = clamp(Math.max(delayNanos * 2, MIN_OVERLOAD_DELAY_NANOS));
    }

    private long clamp(long nanos) {
        return Math.max(floorNanos, Math.min(ceilingNanos, nanos));
    }
}
