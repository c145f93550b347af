package dev.crawler.frontier;

import dev.crawler.config.PolitenessSettings;
import dev.crawler.config.RetrySettings;
import dev.crawler.politeness.RobotsRules;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One host's robots.txt as a frontier sees it, and the decisions that follow from it: whether it
 * must be fetched (first, again after a failure's backoff, or once the cached rules expired),
 * whether the host's URLs wait for it, are allowed, or fail because it could not be had. Both
 * frontiers keep one per host (the embedded one in its host queue, the shared one per process), so
 * the state machine is written once.
 *
 * <p>Not thread-safe: guarded by the owning frontier's lock.
 */
public final class RobotsGate {
    private enum State {
        /** Not fetched yet. */
        UNKNOWN,
        /** A fetcher is getting robots.txt; the host's URLs wait. */
        FETCHING,
        /** Rules are known until {@link #expiresNanos}. */
        KNOWN,
        /** The last fetch failed; try again at {@link #retryNanos}. */
        UNAVAILABLE,
        /** robots.txt could not be had after every attempt: the host's URLs fail. */
        GAVE_UP
    }

    private final URI robotsUrl;
    private State state;
    private Optional<RobotsRules> rules = Optional.empty();
    private long expiresNanos = Long.MAX_VALUE;
    private long retryNanos;
    private int failures;
    private String gaveUpReason = "";

    /** A gate for the host of {@code robotsUrl}; open from the start when robots are ignored. */
    public RobotsGate(URI robotsUrl, boolean respectRobots) {
        this.robotsUrl = robotsUrl;
        this.state = respectRobots ? State.UNKNOWN : State.KNOWN;
    }

    /** What the host's robots.txt taught: a Crawl-delay to honour, sitemaps to follow. */
    public record Learned(
            Optional<Duration> crawlDelay, List<String> sitemaps, long backoffNanos) {}

    /** Whether robots.txt must be fetched before the host's next URL: unknown, failed, expired. */
    public boolean needsFetch(long nowNanos) {
        return state == State.UNKNOWN || state == State.UNAVAILABLE || expired(nowNanos);
    }

    /** Whether a fetch of robots.txt is under way. */
    public boolean fetching() {
        return state == State.FETCHING;
    }

    /** Whether the rules are known and fresh: URLs are allowed or disallowed by them. */
    public boolean known(long nowNanos) {
        return state == State.KNOWN && !expired(nowNanos);
    }

    /** Whether robots.txt could not be had after every attempt, with the reason its URLs fail. */
    public Optional<String> gaveUp() {
        return state == State.GAVE_UP ? Optional.of(gaveUpReason) : Optional.empty();
    }

    /** After a failed fetch: the earliest time to try again; else {@code otherwise}. */
    public long retryAtNanos(long otherwise) {
        return state == State.UNAVAILABLE ? retryNanos : otherwise;
    }

    /** Whether the rules allow {@code url}; everything is allowed while none are known. */
    public boolean allows(URI url) {
        return rules.map(r -> r.allows(url)).orElse(true);
    }

    /** Marks robots.txt as being fetched and gives the task that fetches it. */
    public Task.FetchRobots start(String hostKey) {
        state = State.FETCHING;
        return new Task.FetchRobots(hostKey, robotsUrl);
    }

    /** The robots.txt URL of the host. */
    public URI robotsUrl() {
        return robotsUrl;
    }

    /**
     * Takes a robots.txt fetch's outcome in: rules (kept for {@code robots-cache-ttl}, their
     * Crawl-delay capped at {@code max-crawl-delay}, their sitemaps when followed), or a failure,
     * retried after the retry backoff until {@code max-attempts}, then given up.
     */
    public Learned resolve(
            RobotsOutcome outcome,
            PolitenessSettings politeness,
            RetrySettings retry,
            long nowNanos) {
        switch (outcome) {
            case RobotsOutcome.Known known -> {
                RobotsRules found = known.rules();
                state = State.KNOWN;
                rules = Optional.of(found);
                expiresNanos = nowNanos + politeness.robotsCacheTtl().toNanos();
                failures = 0;
                Duration cap = politeness.maxCrawlDelay();
                return new Learned(
                        found.crawlDelay().map(d -> d.compareTo(cap) <= 0 ? d : cap),
                        politeness.followSitemaps() ? found.sitemaps() : List.of(),
                        0);
            }
            case RobotsOutcome.Unavailable unavailable -> {
                failures++;
                if (failures >= retry.maxAttempts()) {
                    state = State.GAVE_UP;
                    gaveUpReason =
                            "robots.txt unavailable: "
                                    + unavailable.reason()
                                    + " (after "
                                    + failures
                                    + " attempts)";
                    return new Learned(Optional.empty(), List.of(), 0);
                }
                state = State.UNAVAILABLE;
                long backoff = retry.backoff(failures).toNanos();
                retryNanos = nowNanos + backoff;
                return new Learned(Optional.empty(), List.of(), backoff);
            }
        }
    }

    private boolean expired(long nowNanos) {
        return state == State.KNOWN && rules.isPresent() && nowNanos - expiresNanos >= 0;
    }
}
