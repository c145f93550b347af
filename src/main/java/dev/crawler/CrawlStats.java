package dev.crawler;

import java.time.Duration;

/**
 * A live snapshot of a running crawl's counters, safe to take from any thread at any time.
 *
 * @param admitted URLs that entered the crawl
 * @param fetched URLs final as fetched
 * @param failed URLs final as failed
 * @param skipped URLs final as skipped
 * @param queued requests waiting in the bounded hand-off queue
 * @param ready links waiting in the frontier
 * @param retriesPending requests waiting for their backoff
 * @param inFlight fetches under way
 * @param retries retries scheduled so far
 * @param bytes body bytes received so far
 * @param elapsed time since the crawl started
 * @param fetchers fetchers running now (fixed, or as scaled with {@code max-workers})
 */
public record CrawlStats(
        long admitted,
        long fetched,
        long failed,
        long skipped,
        long queued,
        long ready,
        long retriesPending,
        long inFlight,
        long retries,
        long bytes,
        Duration elapsed,
        int fetchers) {

    /** URLs in a final state. */
    public long done() {
        return fetched + failed + skipped;
    }
}
