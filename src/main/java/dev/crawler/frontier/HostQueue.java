package dev.crawler.frontier;

import dev.crawler.politeness.HostDelay;
import dev.crawler.politeness.RobotsRules;
import java.net.URI;
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

    enum RobotsState {
        /** Not fetched yet (or the cached rules expired). */
        UNKNOWN,
        /** A fetcher is getting robots.txt; the host's URLs wait. */
        FETCHING,
        /** Rules are known until {@link #rulesExpireNanos}. */
        KNOWN,
        /** The last fetch failed; try again at {@link #robotsRetryNanos}. */
        UNAVAILABLE,
        /** robots.txt could not be had after every attempt: the host's URLs fail. */
        GAVE_UP
    }

    final String key;
    final URI robotsUrl;
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

    RobotsState robots;
    Optional<RobotsRules> rules = Optional.empty();

    /**
     * The first request admitted for the host this run: the sitemaps its robots.txt names count
     * their depth, depth limit and group (a submission's) from it.
     */
    Optional<CrawlRequest> introducedBy = Optional.empty();

    long rulesExpireNanos;
    long robotsRetryNanos;
    int robotsFailures;
    String gaveUpReason = "";
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
        this.robotsUrl = robotsUrl;
        this.delay = delay;
        this.maxConcurrency = maxConcurrency;
        this.nextAllowedNanos = now;
        this.robots = respectRobots ? RobotsState.UNKNOWN : RobotsState.KNOWN;
        this.rulesExpireNanos = Long.MAX_VALUE;
    }

    /** When this host can next hand out a task, or {@link #UNSCHEDULED} if it has none to give. */
    long readyAt(long now) {
        if (waiting.isEmpty() && onDisk == 0) {
            return UNSCHEDULED;
        }
        return switch (robots) {
            case FETCHING -> UNSCHEDULED; // robotsResolved reschedules
            case GAVE_UP -> now; // drain at once: nothing is sent to the host
            case UNAVAILABLE ->
                    slotFree() ? later(nextAllowedNanos, robotsRetryNanos) : UNSCHEDULED;
            case UNKNOWN -> slotFree() ? nextAllowedNanos : UNSCHEDULED;
            case KNOWN ->
                    !rulesExpired(now) && !waiting.isEmpty() && !headAllowed()
                            ? now // a disallowed URL is dropped without touching the host
                            : slotFree() ? nextAllowedNanos : UNSCHEDULED;
        };
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
            checkedAllowed = rules.map(r -> r.allows(head.url())).orElse(true);
        }
        return checkedAllowed;
    }

    /** New rules: earlier verdicts no longer hold. */
    void setRules(RobotsRules newRules) {
        rules = Optional.of(newRules);
        checkedHead = null;
    }

    boolean rulesExpired(long now) {
        return robots == RobotsState.KNOWN && rules.isPresent() && now - rulesExpireNanos >= 0;
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
                && robots != RobotsState.FETCHING
                && now - nextAllowedNanos >= idleNanos;
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
