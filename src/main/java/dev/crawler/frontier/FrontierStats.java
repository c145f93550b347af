package dev.crawler.frontier;

import dev.crawler.url.Rejection;
import java.util.Map;

/**
 * A snapshot of the frontier's counters; the ledger is {@code admitted = fetched + failed + skipped
 * + outstanding}, and {@code outstanding} is zero once a crawl is over.
 *
 * @param admitted URLs that entered the crawl
 * @param fetched URLs final as fetched
 * @param failed URLs final as failed
 * @param skipped URLs final as skipped
 * @param ready URLs waiting in their hosts' queues
 * @param retriesPending URLs waiting for their backoff to pass
 * @param hosts hosts seen so far
 * @param rejected URLs turned away, by reason
 */
public record FrontierStats(
        long admitted,
        long fetched,
        long failed,
        long skipped,
        long ready,
        long retriesPending,
        long hosts,
        Map<Rejection, Long> rejected) {

    /** Copies the map. */
    public FrontierStats {
        rejected = Map.copyOf(rejected);
    }

    /** Admitted URLs not yet in a final state. */
    public long outstanding() {
        return admitted - fetched - failed - skipped;
    }

    /** URLs turned away for {@code reason}. */
    public long rejected(Rejection reason) {
        return rejected.getOrDefault(reason, 0L);
    }
}
