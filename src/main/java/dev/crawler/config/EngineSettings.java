package dev.crawler.config;

import java.time.Duration;
import java.util.List;

/**
 * The fetchers and what they share: how many, the hand-off queue, the global rate, the memory
 * budget, the grace after a cancel. Each component is the setting of the same name in {@code
 * config/crawler.yaml}; the constants below are their rows in the table of {@link Settings}.
 * Immutable.
 */
public record EngineSettings(
        int workers,
        int maxWorkers,
        int queueCapacity,
        double maxRequestsPerSecond,
        long memoryBudget,
        Duration shutdownGrace) {

    static final Setting<Integer> WORKERS =
            Setting.of(
                    "workers",
                    Kinds.integer(1, 100_000),
                    5,
                    c -> c.engine().workers(),
                    CrawlConfig.Builder::workers,
                    """
                    Fetchers, each on its own virtual thread. Thousands are fine: they wait on the \
                    network, not on CPU.""");

    static final Setting<Integer> MAX_WORKERS =
            Setting.of(
                    "max-workers",
                    Kinds.integer(0, 100_000),
                    0,
                    c -> c.engine().maxWorkers(),
                    CrawlConfig.Builder::maxWorkers,
                    """
                    Fetchers that scale with the work: 0 keeps `workers` fixed; N lets them grow \
                    from `workers` up to N while the queue stays deep and every fetcher is busy, and \
                    shrink back while it stays shallow.""");

    static final Setting<Integer> QUEUE_CAPACITY =
            Setting.of(
                    "queue-capacity",
                    Kinds.integer(1, 10_000_000),
                    100,
                    c -> c.engine().queueCapacity(),
                    CrawlConfig.Builder::queueCapacity,
                    """
                    Capacity of the bounded queue between the producers (seed sources, discovered \
                    links) and the fetchers. When it is full, producers wait: this is what keeps \
                    memory flat.""");

    static final Setting<Double> RATE =
            Setting.of(
                    "rate",
                    Kinds.rate(),
                    0.0,
                    c -> c.engine().maxRequestsPerSecond(),
                    CrawlConfig.Builder::maxRequestsPerSecond,
                    """
                    Global cap on requests per second; 0 means no cap. With R set, no sliding second \
                    sees more than R requests (plus one at a period boundary): one permit is handed \
                    out every 1/R seconds.""");

    static final Setting<Long> MEMORY_BUDGET =
            Setting.computed(
                    "memory-budget",
                    Kinds.size(1L << 20, Long.MAX_VALUE),
                    CrawlConfig::defaultMemoryBudget,
                    "15MiB",
                    c -> c.engine().memoryBudget(),
                    CrawlConfig.Builder::memoryBudget,
                    """
                    Most bytes of bodies and parsed documents (about 12 times a page's size) held at \
                    once across fetchers: a download or a parse that does not fit waits for other \
                    pages to be done, so that a site of huge pages cannot exhaust the heap. The \
                    oldest page in hand never waits, so the budget can be passed by one page. A page \
                    is parsed only as far as what its parse holds fits in four times the budget (its \
                    record then says "truncated"): a handler's document (12 times the page), or the \
                    light parse of a page no handler reads (4 times). Default: an eighth of the JVM's heap (15MiB \
                    under bin/crawler: the first 5.1 MB of a page for a handler, 15.4 MB without).""");

    static final Setting<Duration> SHUTDOWN_GRACE =
            Setting.of(
                    "shutdown-grace",
                    Kinds.duration(Duration.ZERO),
                    Duration.ofSeconds(5),
                    c -> c.engine().shutdownGrace(),
                    CrawlConfig.Builder::shutdownGrace,
                    """
                    After Ctrl-C (or cancel() in the library), how long fetches already in flight \
                    may run on before they are interrupted and recorded as cancelled.""");

    /** This group's rows of the table, in the order of its components. */
    static final List<Setting<?>> SETTINGS =
            List.of(WORKERS, MAX_WORKERS, QUEUE_CAPACITY, RATE, MEMORY_BUDGET, SHUTDOWN_GRACE);

    /** Checks every value against its setting and normalizes it. */
    public EngineSettings {
        workers = WORKERS.checked(workers);
        maxWorkers = MAX_WORKERS.checked(maxWorkers);
        queueCapacity = QUEUE_CAPACITY.checked(queueCapacity);
        maxRequestsPerSecond = RATE.checked(maxRequestsPerSecond);
        memoryBudget = MEMORY_BUDGET.checked(memoryBudget);
        shutdownGrace = SHUTDOWN_GRACE.checked(shutdownGrace);
        if (maxWorkers != 0 && maxWorkers < workers) {
            throw new IllegalArgumentException(
                    "max-workers must be 0 (fixed) or at least workers ("
                            + workers
                            + "): "
                            + maxWorkers);
        }
    }

    static EngineSettings from(CrawlConfig.Builder b) {
        return new EngineSettings(
                b.get(WORKERS),
                b.get(MAX_WORKERS),
                b.get(QUEUE_CAPACITY),
                b.get(RATE),
                b.get(MEMORY_BUDGET),
                b.get(SHUTDOWN_GRACE));
    }
}
