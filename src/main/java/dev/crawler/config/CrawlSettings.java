package dev.crawler.config;

import java.time.Duration;
import java.util.List;

/**
 * The settings of the crawl itself: fetchers, limits, retries, timeouts, scope. Part of the table
 * of {@link Settings}.
 */
final class CrawlSettings {
    private CrawlSettings() {}

    static final Setting<Integer> WORKERS =
            Setting.of(
                    "workers",
                    Kinds.integer(1, 100_000),
                    5,
                    CrawlConfig::workers,
                    CrawlConfig.Builder::workers,
                    """
                    Fetchers, each on its own virtual thread. Thousands are fine: they wait on the \
                    network, not on CPU.""");

    static final Setting<Integer> MAX_WORKERS =
            Setting.of(
                    "max-workers",
                    Kinds.integer(0, 100_000),
                    0,
                    CrawlConfig::maxWorkers,
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
                    CrawlConfig::queueCapacity,
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
                    CrawlConfig::maxRequestsPerSecond,
                    CrawlConfig.Builder::maxRequestsPerSecond,
                    """
                    Global cap on requests per second; 0 means no cap. With R set, no sliding second \
                    sees more than R requests (plus one at a period boundary): one permit is handed \
                    out every 1/R seconds.""");

    static final Setting<Long> MAX_PAGES =
            Setting.of(
                    "max-pages",
                    Kinds.count(0, Long.MAX_VALUE),
                    0L,
                    CrawlConfig::maxPages,
                    CrawlConfig.Builder::maxPages,
                    """
                    Most URLs admitted to the crawl (each ends fetched, failed or skipped); 0 means \
                    no limit.""");

    static final Setting<Integer> MAX_DEPTH =
            Setting.of(
                    "max-depth",
                    Kinds.integer(0, 10_000),
                    5,
                    CrawlConfig::maxDepth,
                    CrawlConfig.Builder::maxDepth,
                    """
                    Most link hops from a seed; seeds are depth 0.""");

    static final Setting<Integer> MAX_ATTEMPTS =
            Setting.of(
                    "max-attempts",
                    Kinds.integer(1, 100),
                    3,
                    CrawlConfig::maxAttempts,
                    CrawlConfig.Builder::maxAttempts,
                    """
                    Tries per URL, the first included. Connection errors, timeouts, 5xx and 429 are \
                    retried.""");

    static final Setting<Duration> RETRY_BASE_DELAY =
            Setting.of(
                    "retry-base-delay",
                    Kinds.positive(),
                    Duration.ofSeconds(1),
                    CrawlConfig::retryBaseDelay,
                    CrawlConfig.Builder::retryBaseDelay,
                    """
                    Backoff before the first retry; it doubles with each attempt, with jitter, and \
                    never comes sooner than the server's Retry-After.""");

    static final Setting<Duration> RETRY_MAX_DELAY =
            Setting.of(
                    "retry-max-delay",
                    Kinds.positive(),
                    Duration.ofSeconds(60),
                    CrawlConfig::retryMaxDelay,
                    CrawlConfig.Builder::retryMaxDelay,
                    """
                    Longest backoff. A Retry-After longer than this fails the URL rather than \
                    waiting.""");

    static final Setting<Duration> CONNECT_TIMEOUT =
            Setting.of(
                    "connect-timeout",
                    Kinds.positive(),
                    Duration.ofSeconds(10),
                    CrawlConfig::connectTimeout,
                    CrawlConfig.Builder::connectTimeout,
                    """
                    Time allowed to open a connection.""");

    static final Setting<Duration> FETCH_TIMEOUT =
            Setting.of(
                    "fetch-timeout",
                    Kinds.positive(),
                    Duration.ofSeconds(30),
                    CrawlConfig::fetchTimeout,
                    CrawlConfig.Builder::fetchTimeout,
                    """
                    Total deadline for one fetch: connection, redirects, headers and the whole body.""");

    static final Setting<String> USER_AGENT =
            Setting.of(
                    "user-agent",
                    Kinds.matching("(?=.*\\S)[^\\x00-\\x1f\\x7f]+", "non-blank printable text"),
                    CrawlConfig.DEFAULT_USER_AGENT,
                    CrawlConfig::userAgent,
                    CrawlConfig.Builder::userAgent,
                    """
                    The User-Agent header sent with every request.""");

    static final Setting<Long> MAX_BODY_SIZE =
            Setting.of(
                    "max-body-size",
                    Kinds.size(1, CrawlConfig.MAX_BODY_SIZE_LIMIT),
                    10L << 20,
                    CrawlConfig::maxBodySize,
                    CrawlConfig.Builder::maxBodySize,
                    """
                    Most bytes of a body kept, after gzip/deflate decoding; longer bodies are cut \
                    (and marked so).""");

    static final Setting<Long> MEMORY_BUDGET =
            Setting.computed(
                    "memory-budget",
                    Kinds.size(1L << 20, Long.MAX_VALUE),
                    CrawlConfig::defaultMemoryBudget,
                    "32MiB",
                    CrawlConfig::memoryBudget,
                    CrawlConfig.Builder::memoryBudget,
                    """
                    Most bytes of bodies and parsed documents (about 12 times a page's size) held at \
                    once across fetchers: a download or a parse that does not fit waits for other \
                    pages to be done, so that a site of huge pages cannot exhaust the heap. The \
                    oldest page in hand never waits, so the budget can be passed by one page. A page \
                    is parsed only as far as its document fits in four times the budget (its record \
                    then says "truncated"). Default: an eighth of the JVM's heap (32MiB under \
                    bin/crawler, which parses the first 10.7 MB of a page).""");

    static final Setting<Integer> MAX_REDIRECTS =
            Setting.of(
                    "max-redirects",
                    Kinds.integer(0, 50),
                    5,
                    CrawlConfig::maxRedirects,
                    CrawlConfig.Builder::maxRedirects,
                    """
                    Most redirect hops followed within one fetch; loops are detected sooner.""");

    static final Setting<Boolean> SAME_HOST =
            Setting.of(
                    "same-host",
                    Kinds.bool(),
                    true,
                    CrawlConfig::sameHost,
                    CrawlConfig.Builder::sameHost,
                    """
                    Follow only links on the seeds' hosts (true), or links to any host (false).""");

    static final Setting<List<String>> INCLUDE =
            Setting.of(
                    "include",
                    Kinds.patterns(),
                    List.of(),
                    CrawlConfig::include,
                    CrawlConfig.Builder::include,
                    """
                    Follow only links matching one of these regular expressions, when any are given \
                    (repeatable). Java syntax, matched anywhere in the URL. Seeds are not filtered.""");

    static final Setting<List<String>> EXCLUDE =
            Setting.of(
                    "exclude",
                    Kinds.patterns(),
                    List.of(),
                    CrawlConfig::exclude,
                    CrawlConfig.Builder::exclude,
                    """
                    Never follow links matching one of these regular expressions (repeatable).""");

    static final Setting<Duration> SHUTDOWN_GRACE =
            Setting.of(
                    "shutdown-grace",
                    Kinds.duration(Duration.ZERO),
                    Duration.ofSeconds(5),
                    CrawlConfig::shutdownGrace,
                    CrawlConfig.Builder::shutdownGrace,
                    """
                    After Ctrl-C (or cancel() in the library), how long fetches already in flight \
                    may run on before they are interrupted and recorded as cancelled.""");

    static final Section SECTION =
            new Section(
                    "",
                    "",
                    List.of(
                            WORKERS,
                            MAX_WORKERS,
                            QUEUE_CAPACITY,
                            RATE,
                            MAX_PAGES,
                            MAX_DEPTH,
                            MAX_ATTEMPTS,
                            RETRY_BASE_DELAY,
                            RETRY_MAX_DELAY,
                            CONNECT_TIMEOUT,
                            FETCH_TIMEOUT,
                            USER_AGENT,
                            MAX_BODY_SIZE,
                            MEMORY_BUDGET,
                            MAX_REDIRECTS,
                            SAME_HOST,
                            INCLUDE,
                            EXCLUDE,
                            SHUTDOWN_GRACE));
}
