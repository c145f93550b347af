package dev.crawler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of a finished crawl: the ledger and what it cost. The ledger always adds up: {@code
 * admitted == fetched + failed + skipped + pending}, where {@code pending} is zero unless a run
 * with a state folder stopped early and kept URLs for the next run. Immutable.
 *
 * @param admitted URLs this run was answerable for: those it admitted, plus, with a state folder,
 *     those pending from earlier runs
 * @param fetched URLs final as fetched
 * @param failed URLs final as failed
 * @param skipped URLs final as skipped (non-HTML, cancelled)
 * @param pending URLs not final when the run stopped, kept in the state folder for the next run
 * @param rejected URLs turned away before admission, by reason ({@code duplicate}, {@code
 *     off-host}, ...)
 * @param seedErrors seed lines that were not valid URLs
 * @param retries retries scheduled
 * @param bytes body bytes received
 * @param statuses HTTP responses received, by status code (every attempt counts)
 * @param elapsed wall time of the crawl
 * @param cancelled whether the crawl was stopped before it ran out of work
 * @param error what stopped the crawl when it could not go on (an output that cannot be written)
 * @param latency fetch latency percentiles over every response
 * @param topFailingHosts the hosts with the most failed URLs (at most 5), most first
 * @param peakFetchers the most fetchers that ran at once
 * @param items items emitted by handlers and rules
 * @param handlerErrors pages whose handler threw (each page is still recorded, with the error)
 * @param peakHeldBytes the most bytes of bodies and parsed documents held at once, as counted
 *     against {@code memory-budget}
 */
public record CrawlSummary(
        long admitted,
        long fetched,
        long failed,
        long skipped,
        long pending,
        Map<String, Long> rejected,
        long seedErrors,
        long retries,
        long bytes,
        SortedMap<Integer, Long> statuses,
        Duration elapsed,
        boolean cancelled,
        Optional<String> error,
        Latency latency,
        List<HostCount> topFailingHosts,
        int peakFetchers,
        long items,
        long handlerErrors,
        long peakHeldBytes) {

    /** How {@link #error()} begins when the crawl stopped because the heap was exhausted. */
    public static final String OUT_OF_MEMORY = "out of memory";

    /** The summary of a crawl that could not start (its login failed): nothing done, and why. */
    public static CrawlSummary notStarted(String error) {
        return new CrawlSummary(
                0,
                0,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                0,
                new TreeMap<>(),
                Duration.ZERO,
                false,
                Optional.of(error),
                Latency.NONE,
                List.of(),
                0,
                0,
                0,
                0);
    }

    /** Whether the crawl stopped because the heap was exhausted. */
    public boolean outOfMemory() {
        return error().filter(e -> e.startsWith(OUT_OF_MEMORY)).isPresent();
    }

    /** Copies the collections. */
    public CrawlSummary {
        rejected = Map.copyOf(rejected);
        statuses = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
        topFailingHosts = List.copyOf(topFailingHosts);
    }

    /**
     * Fetch latency, from the first request byte to the last body byte, over {@code count}
     * responses (HdrHistogram, three significant digits).
     */
    public record Latency(long count, Duration p50, Duration p95, Duration p99, Duration max) {
        /** No response yet. */
        public static final Latency NONE =
                new Latency(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** A host and how many of its URLs failed. */
    public record HostCount(String host, long count) {}

    /** Whether every admitted URL is in exactly one final state, or kept pending. */
    public boolean ledgerBalanced() {
        return admitted == fetched + failed + skipped + pending;
    }

    /** Fetched pages per second of wall time. */
    public double pagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? fetched / seconds : 0;
    }
}
