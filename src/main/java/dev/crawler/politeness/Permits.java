package dev.crawler.politeness;

/**
 * Where a rate-limited fetcher gets its permits: this process's limiter, or one shared by every
 * process of a crawl. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Permits {
    /**
     * Waits for a permit to send one request.
     *
     * @return false when none came in time: the request is handed back as throttled
     */
    boolean acquire() throws InterruptedException;
}
