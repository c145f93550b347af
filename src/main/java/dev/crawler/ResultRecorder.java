package dev.crawler;

import dev.crawler.frontier.CrawlRequest;
import dev.crawler.frontier.Frontier;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
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
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

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
            frontier.complete(result.request(), result.outcome());
        }
    }

    /** Records a request that was never fetched because the crawl was cancelled. */
    void cancelled(CrawlRequest request) {
        finish(new CrawlResult.Skipped(request, Optional.empty(), "cancelled"));
    }

    void response(int status, long bodyBytes) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        bytes.add(bodyBytes);
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
}
