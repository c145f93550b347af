package dev.crawler.frontier.redis;

import dev.crawler.politeness.Permits;
import java.time.Duration;

/**
 * The crawl's global rate limit, shared by every process: the GCRA algorithm in Redis ({@code
 * rate.lua}, no burst) reserves the next free slot, one per {@code 1 / R} seconds for the whole
 * crawl, and the caller waits until its slot's time. Each permit costs one round trip.
 *
 * <p>Thread-safe: the reservation is atomic in Redis; the wait parks only the calling thread.
 */
final class SharedRateLimit implements Permits {
    private final Scripts scripts;
    private final String intervalMicros;

    SharedRateLimit(Scripts scripts, double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "requestsPerSecond must be positive: " + requestsPerSecond);
        }
        this.scripts = scripts;
        this.intervalMicros = String.valueOf(1_000_000d / requestsPerSecond);
    }

    @Override
    public boolean acquire() throws InterruptedException {
        long waitMicros = scripts.callLong("rate", intervalMicros);
        if (waitMicros > 0) {
            Thread.sleep(Duration.ofNanos(waitMicros * 1_000)); // until the reserved slot
        }
        return true;
    }
}
