package dev.crawler.frontier;

/**
 * How many URLs a crawl state holds in each state, over every run of the crawl. Immutable.
 *
 * @param pending admitted and not final yet (waiting, retrying, or in flight when a run stopped)
 * @param fetched final as fetched
 * @param failed final as failed (the dead letters)
 * @param skipped final as skipped
 */
public record StateCounts(long pending, long fetched, long failed, long skipped) {

    /** Every URL the crawl ever admitted. */
    public long total() {
        return pending + fetched + failed + skipped;
    }

    /** Whether the crawl has admitted URLs and every one of them is final. */
    public boolean finished() {
        return total() > 0 && pending == 0;
    }
}
