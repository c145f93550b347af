package dev.crawler.frontier;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Decides which URLs enter the crawl and which comes next, and keeps the ledger.
 *
 * <p>The frontier normalizes and deduplicates URLs, applies the scope and the page budget, holds
 * discovered links and pending retries until they are due, and counts outstanding work: a URL is
 * outstanding from its admission until {@link #complete}, and every registered producer counts as
 * outstanding until it {@linkplain #producerFinished() finishes}. {@link #idle()} completes when
 * that count reaches zero, which is the end of the crawl.
 *
 * <p>No method blocks except {@link #take()}: fetchers hand links and retries to the frontier
 * without ever waiting on the queue they drain. Implementations are thread-safe; the engine does
 * not assume they live in this process.
 */
public interface Frontier {

    /**
     * Admits a seed without queueing it: the caller puts it on the hand-off queue. A seed's host
     * joins the scope; seeds are not filtered by scope.
     */
    Admission admitSeed(String rawUrl);

    /**
     * Admits a link found on {@code parent}'s page and holds it until {@link #take()} hands it out.
     */
    Admission offer(String rawUrl, CrawlRequest parent);

    /**
     * Holds an admitted request until {@code delay} has passed. The request stays outstanding.
     *
     * @return false when the frontier is closed: the caller must then complete the request itself
     */
    boolean retry(CrawlRequest request, Duration delay);

    /**
     * Waits for the next due request.
     *
     * @return the request, or empty once the frontier is closed
     */
    Optional<CrawlRequest> take() throws InterruptedException;

    /** Records the final state of an admitted request. Called exactly once per admitted URL. */
    void complete(CrawlRequest request, Outcome outcome);

    /**
     * Registers a producer; the crawl cannot end before it {@linkplain #producerFinished finishes}.
     */
    void producerStarted();

    /** Marks one registered producer as finished. */
    void producerFinished();

    /** Completes when every producer has finished and no admitted URL is outstanding. */
    CompletableFuture<Void> idle();

    /**
     * Stops admitting and handing out, and wakes every {@link #take()}.
     *
     * @return the requests that were held (ready or waiting for a retry), still outstanding: the
     *     caller completes them
     */
    List<CrawlRequest> closeAndDrain();

    /** A snapshot of the counters. */
    FrontierStats stats();
}
