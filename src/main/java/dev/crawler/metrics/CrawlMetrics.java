package dev.crawler.metrics;

import static java.util.Objects.requireNonNull;

import dev.crawler.CrawlStats;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.politeness.HostKey;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The crawl's metrics in a Micrometer {@link MeterRegistry}: {@code crawler.urls} (final URLs by
 * outcome), {@code crawler.responses} (by status), {@code crawler.bytes}, the {@code crawler.fetch}
 * timer (latency, by host for the first {@value #MAX_HOSTS} hosts, the rest as {@code other}), and
 * gauges of the live state: admitted, queued, ready, in flight, retries pending, fetchers, and the
 * retries counter. A sink of the crawl, fed from the fetcher threads. Thread-safe: Micrometer's
 * meters are, and the host set is concurrent.
 */
public final class CrawlMetrics implements CrawlSink {
    /** Hosts that get their own latency timer; more would grow the registry without bound. */
    static final int MAX_HOSTS = 100;

    private final MeterRegistry registry;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> statuses = new ConcurrentHashMap<>();
    private final Set<String> hosts = ConcurrentHashMap.newKeySet();
    private final Counter bytes;
    private volatile Supplier<CrawlStats> stats = () -> null;

    /** Metrics into {@code registry}. */
    public CrawlMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
        this.bytes =
                Counter.builder("crawler.bytes")
                        .description("Body bytes received")
                        .baseUnit("bytes")
                        .register(registry);
    }

    /** Registers the gauges of the live state, read from {@code stats} when scraped. */
    public void bind(Supplier<CrawlStats> stats) {
        gauge("crawler.admitted", stats, s -> s.admitted(), "URLs admitted so far");
        gauge("crawler.queued", stats, s -> s.queued(), "Tasks in the bounded hand-off queue");
        gauge("crawler.ready", stats, s -> s.ready(), "URLs whose host is ready");
        gauge("crawler.in.flight", stats, s -> s.inFlight(), "Fetches under way");
        gauge("crawler.retries.pending", stats, s -> s.retriesPending(), "Retries waiting");
        gauge("crawler.fetchers", stats, s -> s.fetchers(), "Fetchers running");
        FunctionCounter.builder("crawler.retries", stats, s -> s.get().retries())
                .description("Retries scheduled")
                .register(registry);
        this.stats = stats; // Micrometer holds the state weakly: this keeps it for the crawl's life
    }

    private void gauge(
            String name,
            Supplier<CrawlStats> stats,
            ToDoubleFunction<CrawlStats> value,
            String description) {
        Gauge.builder(name, stats, s -> value.applyAsDouble(s.get()))
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void accept(CrawlResult result) {
        outcomes.computeIfAbsent(
                        result.outcome().name().toLowerCase(Locale.ROOT),
                        o ->
                                Counter.builder("crawler.urls")
                                        .description("URLs in their final state")
                                        .tag("outcome", o)
                                        .register(registry))
                .increment();
        result.response().ifPresent(this::response);
    }

    private void response(ResponseInfo info) {
        statuses.computeIfAbsent(
                        info.status(),
                        s ->
                                Counter.builder("crawler.responses")
                                        .description("HTTP responses of final attempts")
                                        .tag("status", String.valueOf(s))
                                        .register(registry))
                .increment();
        bytes.increment(info.bytes());
        String host = HostKey.of(info.finalUrl());
        if (!hosts.contains(host) && (hosts.size() >= MAX_HOSTS || !hosts.add(host))) {
            host = hosts.contains(host) ? host : "other";
        }
        Timer.builder("crawler.fetch")
                .description("Fetch latency, first byte sent to last byte received")
                .tag("host", host)
                .register(registry)
                .record(info.elapsed());
    }
}
