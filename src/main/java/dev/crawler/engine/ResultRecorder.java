package dev.crawler.engine;

import dev.crawler.CrawlStats;
import dev.crawler.CrawlSummary;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.politeness.HostKey;
import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Outcome;
import dev.crawler.request.PageFacts;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import dev.crawler.url.Rejection;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a URL reaches its final state: the record goes to the sink, then the frontier counts
 * it. Also keeps the run's counters (bytes, statuses, retries, seed errors).
 *
 * <p>Thread-safe: fetchers and producers record concurrently; counters are {@link LongAdder}s.
 */
final class ResultRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ResultRecorder.class);

    private final CrawlSink sink;
    private final Frontier frontier;
    private final Runnable onFatal;
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder seedErrors = new LongAdder();
    private final LongAdder kept = new LongAdder();
    private final LongAdder items = new LongAdder();
    private final LongAdder handlerErrors = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failuresByHost = new ConcurrentHashMap<>();

    /** Fetch latency in microseconds, up to an hour, 3 significant digits; lock-free writes. */
    private final ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);

    /**
     * @param onFatal called once when the sink fails: the crawl cannot go on without its output
     */
    ResultRecorder(CrawlSink sink, Frontier frontier, Runnable onFatal) {
        this.sink = sink;
        this.frontier = frontier;
        this.onFatal = onFatal;
    }

    /** Sends the final record to the sink and counts it, even when the sink fails. */
    void finish(CrawlResult result) {
        try {
            sink.accept(result);
        } catch (RuntimeException e) {
            if (fatal.compareAndSet(null, "output failed: " + e.getMessage())) {
                LOG.error("Output failed; stopping the crawl", e);
                onFatal.run();
            }
        } finally {
            if (result instanceof CrawlResult.Failed) {
                countFailure(HostKey.of(result.request().url()));
            }
            frontier.complete(result.request(), completion(result));
        }
    }

    /**
     * Stops the crawl after {@code e} escaped a thread of the crawl: out of memory, or a bug. The
     * URL that thread held is the caller's to make final.
     */
    void failed(Thread thread, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            fail(CrawlSummary.OUT_OF_MEMORY + " in " + thread.getName() + ": " + e.getMessage());
        } else {
            LOG.error("{} failed", thread.getName(), e);
            fail("internal error in " + thread.getName() + ": " + e);
        }
    }

    /**
     * Stops the crawl because it cannot go on (its frontier's store is unreachable); the first
     * reason is the crawl's error.
     */
    void fail(String reason) {
        if (fatal.compareAndSet(null, reason)) {
            LOG.error("Stopping the crawl: {}", reason);
            onFatal.run();
        }
    }

    /** What the ledger keeps of a final record. */
    private static Completion completion(CrawlResult result) {
        int status = result.response().map(ResponseInfo::status).orElse(0);
        return switch (result) {
            case CrawlResult.Fetched f ->
                    new Completion(
                            Outcome.FETCHED,
                            status,
                            "",
                            f.validators(),
                            Optional.of(
                                    new PageFacts(
                                            f.page().title(),
                                            f.info().contentType(),
                                            f.page().links().size())));
            case CrawlResult.Unchanged u ->
                    new Completion(
                            Outcome.FETCHED, status, "", Completion.Validators.NONE, u.previous());
            case CrawlResult.Failed f ->
                    new Completion(Outcome.FAILED, status, f.error(), Completion.Validators.NONE);
            case CrawlResult.Skipped s ->
                    new Completion(Outcome.SKIPPED, status, s.reason(), Completion.Validators.NONE);
        };
    }

    /**
     * Records a request that was never fetched, or not to the end, because the crawl was cancelled:
     * as skipped, or, when the frontier keeps unfinished URLs for the next run, not at all (it
     * stays pending).
     */
    void cancelled(CrawlRequest request) {
        if (frontier.keepsUnfinished()) {
            kept.increment();
            return;
        }
        finish(new CrawlResult.Skipped(request, Optional.empty(), "cancelled"));
    }

    /** Unfinished requests left pending for the next run. */
    long kept() {
        return kept.sum();
    }

    void response(int status, long bodyBytes, Duration elapsed) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        bytes.add(bodyBytes);
        latency.recordValue(Math.max(0, Math.min(elapsed.toNanos() / 1_000, 3_600_000_000L)));
    }

    /** Fetch latency percentiles so far, over every response. */
    CrawlSummary.Latency latency() {
        Histogram h = latency.copy();
        if (h.getTotalCount() == 0) {
            return CrawlSummary.Latency.NONE;
        }
        return new CrawlSummary.Latency(
                h.getTotalCount(),
                Duration.ofNanos(h.getValueAtPercentile(50) * 1_000),
                Duration.ofNanos(h.getValueAtPercentile(95) * 1_000),
                Duration.ofNanos(h.getValueAtPercentile(99) * 1_000),
                Duration.ofNanos(h.getMaxValue() * 1_000));
    }

    /**
     * Hosts whose failures are counted one by one; the failures of hosts past them are not (a crawl
     * across millions of failing hosts keeps this map bounded: the top hosts are the ones that
     * failed early and often).
     */
    static final int MAX_FAILING_HOSTS = 10_000;

    private void countFailure(String host) {
        LongAdder n = failuresByHost.get(host);
        if (n == null) {
            if (failuresByHost.size() >= MAX_FAILING_HOSTS) {
                return;
            }
            n = failuresByHost.computeIfAbsent(host, h -> new LongAdder());
        }
        n.increment();
    }

    /** The hosts with the most failed URLs, most first. */
    List<CrawlSummary.HostCount> topFailingHosts(int n) {
        return failuresByHost.entrySet().stream()
                .map(e -> new CrawlSummary.HostCount(e.getKey(), e.getValue().sum()))
                .sorted(
                        Comparator.comparingLong(CrawlSummary.HostCount::count)
                                .reversed()
                                .thenComparing(CrawlSummary.HostCount::host))
                .limit(n)
                .toList();
    }

    /** A page's handler ran: it emitted {@code n} items, and threw or not. */
    void extracted(int n, boolean handlerFailed) {
        items.add(n);
        if (handlerFailed) {
            handlerErrors.increment();
        }
    }

    long items() {
        return items.sum();
    }

    long handlerErrors() {
        return handlerErrors.sum();
    }

    void retried() {
        retries.increment();
    }

    void seedError() {
        seedErrors.increment();
    }

    long bytes() {
        return bytes.sum();
    }

    long retries() {
        return retries.sum();
    }

    long seedErrors() {
        return seedErrors.sum();
    }

    SortedMap<Integer, Long> statuses() {
        SortedMap<Integer, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Optional<String> fatal() {
        return Optional.ofNullable(fatal.get());
    }

    /** The live counters, from the frontier's ledger and this recorder's. */
    CrawlStats stats(int queued, int inFlight, Duration elapsed, int fetchers) {
        FrontierStats f = frontier.stats();
        return new CrawlStats(
                f.admitted(),
                f.fetched(),
                f.failed(),
                f.skipped(),
                queued,
                f.ready(),
                f.retriesPending(),
                inFlight,
                retries(),
                bytes(),
                elapsed,
                fetchers);
    }

    /** The summary of a run that is over. */
    CrawlSummary summary(
            Duration elapsed, boolean cancelled, int peakFetchers, long peakHeldBytes) {
        FrontierStats f = frontier.stats();
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (Rejection r : Rejection.values()) {
            long n = f.rejected(r);
            if (n > 0) {
                rejected.put(r.label(), n);
            }
        }
        return new CrawlSummary(
                f.admitted(),
                f.fetched(),
                f.failed(),
                f.skipped(),
                frontier.keepsUnfinished() ? f.outstanding() : 0,
                rejected,
                seedErrors(),
                retries(),
                bytes(),
                statuses(),
                elapsed,
                cancelled,
                fatal(),
                latency(),
                topFailingHosts(5),
                peakFetchers,
                items(),
                handlerErrors(),
                peakHeldBytes);
    }
}
