package dev.crawler.frontier;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostDelay;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One host's waiting URLs and politeness state: requests in flight, the earliest time of the next
 * request, its adaptive delay, and its robots.txt state. A host is ready when it has URLs waiting,
 * a free concurrency slot, and its time has come.
 *
 * <p>Not thread-safe: every field is guarded by the owning {@link LocalFrontier}'s lock.
 */
final class HostQueue {
    /** Sentinel for "not scheduled". */
    static final long UNSCHEDULED = Long.MIN_VALUE;

    final String key;
    final HostWaiting waiting = new HostWaiting();

    /**
     * With a persistent store: how many of the host's pending URLs are on disk only, not loaded
     * into {@link #waiting}. A hint, never too low: an admission counts itself after the store has
     * it, so a load may already have picked it up (it then reads fewer rows than asked and resets
     * this to zero).
     */
    long onDisk;

    /** The highest store id loaded into {@link #waiting} so far. */
    long loadedUpTo;

    final HostDelay delay;
    int maxConcurrency;
    int inFlight;
    long nextAllowedNanos;
    long scheduledDue = UNSCHEDULED;

    /** Its robots.txt: fetched first, cached, retried, or given up on. */
    final RobotsGate robots;

    /**
     * The first request admitted for the host this run: the sitemaps its robots.txt names count
     * their depth, depth limit and group (a submission's) from it.
     */
    Optional<CrawlRequest> introducedBy = Optional.empty();

    private CrawlRequest checkedHead; // null until the first verdict; compared by identity
    private boolean checkedAllowed;

    HostQueue(
            String key,
            URI robotsUrl,
            HostDelay delay,
            int maxConcurrency,
            boolean respectRobots,
            long now) {
        this.key = key;
        this.robots = new RobotsGate(robotsUrl, respectRobots);
        this.delay = delay;
        this.maxConcurrency = maxConcurrency;
        this.nextAllowedNanos = now;
    }

    /** When this host can next hand out a task, or {@link #UNSCHEDULED} if it has none to give. */
    long readyAt(long now) {
        if (waiting.isEmpty() && onDisk == 0) {
            return UNSCHEDULED;
        }
        if (robots.fetching()) {
            return UNSCHEDULED; // robotsResolved reschedules
        }
        if (robots.gaveUp().isPresent()) {
            return now; // drain at once: nothing is sent to the host
        }
        if (robots.known(now) && !waiting.isEmpty() && !headAllowed()) {
            return now; // a disallowed URL is dropped without touching the host
        }
        return slotFree()
                ? later(nextAllowedNanos, robots.retryAtNanos(nextAllowedNanos))
                : UNSCHEDULED;
    }

    private boolean slotFree() {
        return inFlight < maxConcurrency;
    }

    /**
     * Whether the rules allow the head of the queue; asked when scheduling and again when
     * dispatching, so the verdict is kept for that request until the head or the rules change.
     */
    boolean headAllowed() {
        CrawlRequest head = waiting.peekFirst();
        if (head != checkedHead) {
            checkedHead = head;
            checkedAllowed = robots.allows(head.url());
        }
        return checkedAllowed;
    }

    /** New rules: earlier verdicts no longer hold. */
    void rulesChanged() {
        checkedHead = null;
    }

    /** Starts a request to the host: takes a slot and spaces the next one by the delay. */
    void started(long now) {
        inFlight++;
        nextAllowedNanos = later(nextAllowedNanos, now + delay.currentNanos());
    }

    /**
     * A request to the host ended: frees the slot and keeps the host alone for {@code holdNanos}.
     */
    void ended(long now, long holdNanos) {
        inFlight = Math.max(0, inFlight - 1);
        nextAllowedNanos = later(nextAllowedNanos, now + holdNanos);
    }

    /** Retries of the host's URLs waiting for their backoff (they come back to this queue). */
    int retriesWaiting;

    /**
     * Whether the host has had nothing to do for {@code idleNanos}: no URL waiting, on disk, in
     * flight or waiting to be retried, no robots.txt being fetched, and its delay long past.
     */
    boolean idleFor(long now, long idleNanos) {
        return waiting.isEmpty()
                && onDisk == 0
                && inFlight == 0
                && retriesWaiting == 0
                && !robots.fetching()
                && now - nextAllowedNanos >= idleNanos;
    }

    /** Where the sitemaps a robots.txt names enter: as found by this request. */
    record Sitemaps(CrawlRequest from, List<String> urls) {}

    /**
     * Takes the host's robots.txt outcome in: rules (a Crawl-delay makes it one request at a time,
     * that far apart), or a failure to back off from; frees the fetch's slot. The sitemaps the
     * rules name count depth, depth limit and group from the request that brought the host in.
     */
    Optional<Sitemaps> robotsResolved(
            RobotsOutcome outcome, HostFeedback feedback, CrawlConfig config, long now) {
        RobotsGate.Learned learned =
                robots.resolve(outcome, config.politeness(), config.retry(), now);
        rulesChanged();
        learned.crawlDelay()
                .ifPresent(
                        d -> {
                            delay.raiseFloor(d);
                            maxConcurrency = 1;
                        });
        ended(now, delay.update(feedback, maxConcurrency, now));
        if (learned.sitemaps().isEmpty()) {
            return Optional.empty();
        }
        URI robotsUrl = robots.robotsUrl();
        CrawlRequest from =
                introducedBy
                        .map(r -> r.robotsOrigin(robotsUrl))
                        .orElseGet(() -> CrawlRequest.seed(robotsUrl));
        return Optional.of(new Sitemaps(from, learned.sitemaps()));
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
