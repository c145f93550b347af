package dev.crawler.frontier;

import dev.crawler.politeness.HostFeedback;
import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.LinkTag;
import dev.crawler.request.PageFacts;
import dev.crawler.request.Via;
import dev.crawler.seed.Seed;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Decides which URLs enter the crawl and which comes next, and keeps the ledger.
 *
 * <p>The frontier normalizes and deduplicates URLs, applies the scope and the page budget, and
 * holds every waiting URL in its host's queue until that host is ready: robots.txt known, a free
 * concurrency slot, its politeness delay passed. So a fetcher never waits with a URL in hand while
 * other hosts could be served. It also holds retries until they are due, and counts outstanding
 * work: a URL is outstanding from its admission until {@link #complete}, and every registered
 * producer until it {@linkplain #producerFinished() finishes}. {@link #idle()} completes when that
 * count reaches zero, which is the end of the crawl.
 *
 * <p>Only producers block ({@link #admitSeed} waits while the seed backlog is full) and the
 * hand-off thread ({@link #take()}); everything a fetcher calls returns at once, so a fetcher never
 * waits on the queue it drains. Implementations are thread-safe; the engine does not assume they
 * live in this process.
 */
public interface Frontier {

    /**
     * Admits a seed into its host's queue; a seed's host joins the scope. Waits while the frontier
     * already holds its maximum of undispatched seeds (backpressure on seed files).
     */
    Admission admitSeed(Seed seed) throws InterruptedException;

    /** Admits a seed with a priority and a depth limit of its own (-1: the crawl's). */
    default Admission admitSeed(String rawUrl, int priority, int depthLimit)
            throws InterruptedException {
        return admitSeed(Seed.of(rawUrl).priority(priority).depthLimit(depthLimit));
    }

    /** Admits a seed of the given priority, with no depth limit but the crawl's. */
    default Admission admitSeed(String rawUrl, int priority) throws InterruptedException {
        return admitSeed(rawUrl, priority, -1);
    }

    /** Admits a seed of priority 0. */
    default Admission admitSeed(String rawUrl) throws InterruptedException {
        return admitSeed(rawUrl, 0);
    }

    /** Admits a URL found {@code via} a link, redirect or sitemap of {@code from}. Never blocks. */
    default Admission offer(String rawUrl, CrawlRequest from, Via via) {
        return offerAll(List.of(rawUrl), from, via).get(0);
    }

    /**
     * Admits the URLs found together {@code via} links or a sitemap of {@code from}, as {@link
     * #offer} would one by one, in one step (one write for a persistent frontier). Never blocks.
     *
     * @return one admission per URL, in order
     */
    default List<Admission> offerAll(List<String> rawUrls, CrawlRequest from, Via via) {
        return offerAll(rawUrls, from, via, LinkTag.NONE);
    }

    /**
     * As {@link #offerAll(List, CrawlRequest, Via)}, the links' requests carrying {@code tag} (a
     * label, priority and data given by the handler that followed them).
     */
    List<Admission> offerAll(List<String> rawUrls, CrawlRequest from, Via via, LinkTag tag);

    /**
     * Whether {@code url} is on the origin (scheme, host, port) of a seed the user gave: exempt
     * from the SSRF guard.
     */
    boolean isSeedOrigin(java.net.URI url);

    /** Whether {@code hostName} is the host of a seed (any port): a name the resolver exempts. */
    boolean isSeedHostName(String hostName);

    /**
     * Holds an admitted request until {@code delay} has passed, then queues it behind its host's
     * fresh URLs of its priority and depth. The request stays outstanding.
     *
     * @return false when the frontier is closed: the caller must then complete the request itself
     */
    boolean retry(CrawlRequest request, Duration delay);

    /**
     * Waits for the next task: a URL whose host is ready, a robots.txt to fetch, or a URL to record
     * without fetching.
     *
     * @return the task, or empty once the frontier is closed
     */
    Optional<Task> take() throws InterruptedException;

    /** The fetch of {@code request} (a {@link Task.Fetch}) ended; frees its host's slot. */
    void release(CrawlRequest request, HostFeedback feedback);

    /** The robots.txt of {@code hostKey} (a {@link Task.FetchRobots}) was fetched, or not. */
    void robotsResolved(String hostKey, RobotsOutcome outcome, HostFeedback feedback);

    /**
     * Records the final state of an admitted request. Called at most once per admitted URL, and
     * exactly once unless the run stops first (see {@link #keepsUnfinished()}).
     */
    void complete(CrawlRequest request, Completion completion);

    /**
     * Whether URLs left unfinished when a run stops stay pending for the next run (a persistent
     * frontier); if not, the engine records them as skipped.
     */
    boolean keepsUnfinished();

    /**
     * What the crawl state kept of {@code url}'s last fetch, for a recrawl's 304; empty without a
     * state, or for a URL never fetched.
     */
    default Optional<PageFacts> lastFetch(URI url) {
        return Optional.empty();
    }

    /**
     * Registers a producer; the crawl cannot end before it {@linkplain #producerFinished finishes}.
     */
    void producerStarted();

    /** Marks one registered producer as finished. */
    void producerFinished();

    /** Completes when every producer has finished and no admitted URL is outstanding. */
    CompletableFuture<Void> idle();

    /**
     * Stops admitting and handing out, and wakes every waiting {@link #take()} and {@link
     * #admitSeed}.
     *
     * @return the requests that were held (waiting in host queues or for a retry), still
     *     outstanding: the caller completes them
     */
    List<CrawlRequest> closeAndDrain();

    /** A snapshot of the counters. */
    FrontierStats stats();
}
