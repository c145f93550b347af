package dev.crawler.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The immutable configuration of one crawl, shared by the library and the CLI.
 *
 * <p>Build it with {@link #builder()}, which holds the defaults, or load it from a file with {@link
 * ConfigFile}. Its values come in groups, one record each ({@link #politeness()}, {@link #fetch()},
 * ...), whose components are the settings of the same name in the table of {@link Settings} ({@code
 * maxPagesPerHost} is {@code max-pages-per-host}, {@code maxRequestsPerSecond} is {@code rate},
 * {@code hostAuth} is {@code auth}), where each range, default and help is written once and from
 * which {@code config/crawler.yaml} documents it; the builder sets them all by the same names.
 * Every value is validated once, here, so the rest of the crawler never re-checks it. Instances are
 * immutable and safe to share between threads.
 */
public record CrawlConfig(
        EngineSettings engine,
        ScopeSettings scope,
        RetrySettings retry,
        FetchSettings fetch,
        PolitenessSettings politeness,
        RequestSettings requests,
        FrontierChoice frontier,
        OutputSettings output) {

    /** The default {@code User-Agent}. */
    public static final String DEFAULT_USER_AGENT =
            "jvm-crawler/0.1 (+polite; respects rate limits)";

    /** The default robots.txt product token. */
    public static final String DEFAULT_ROBOTS_AGENT = "jvm-crawler";

    /**
     * The default {@link #memoryBudget()}: an eighth of this JVM's heap (15 MiB under the
     * launcher's 128 MiB), leaving room for the one page the budget lets past it (whose document
     * may take half the heap) and the rest of the crawl.
     */
    public static long defaultMemoryBudget() {
        return Math.max(1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
    }

    /** Largest accepted {@link #maxBodySize()}: bodies are held in one array. */
    public static final long MAX_BODY_SIZE_LIMIT = 1L << 30;

    /** Requires every group; each group has checked its own values. */
    public CrawlConfig {
        requireNonNull(engine, "engine");
        requireNonNull(scope, "scope");
        requireNonNull(retry, "retry");
        requireNonNull(fetch, "fetch");
        requireNonNull(politeness, "politeness");
        requireNonNull(requests, "requests");
        requireNonNull(frontier, "frontier");
        requireNonNull(output, "output");
    }

    /** Whether the frontier is shared through Redis. */
    public boolean sharedFrontier() {
        return frontier instanceof FrontierChoice.Shared;
    }

    /** The shared frontier, when the crawl has one. */
    public java.util.Optional<FrontierChoice.Shared> shared() {
        return frontier instanceof FrontierChoice.Shared s
                ? java.util.Optional.of(s)
                : java.util.Optional.empty();
    }

    /** Whether a global request-rate cap is set. */
    public boolean rateLimited() {
        return engine.maxRequestsPerSecond() > 0;
    }

    /** The defaults, as the table of {@link Settings} gives them. */
    public static CrawlConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Collects the values of a {@link CrawlConfig}, each setting by its name; not thread-safe.
     * Starts from the defaults of {@link Settings}; {@link #build()} checks them. The politeness
     * and request settings are set by the methods it inherits.
     */
    public static final class Builder extends SettingValues {
        Builder() {
            Settings.all().forEach(setting -> setting.reset(this));
        }

        Builder(CrawlConfig c) {
            Settings.all().forEach(setting -> setting.copy(c, this));
        }

        /** Number of fetchers (virtual threads). */
        public Builder workers(int value) {
            return set(EngineSettings.WORKERS, value);
        }

        /** 0 for a fixed number of fetchers; else the most they may scale up to. */
        public Builder maxWorkers(int value) {
            return set(EngineSettings.MAX_WORKERS, value);
        }

        /** Capacity of the bounded hand-off queue. */
        public Builder queueCapacity(int value) {
            return set(EngineSettings.QUEUE_CAPACITY, value);
        }

        /** Global cap on requests per second; 0 turns the cap off. */
        public Builder maxRequestsPerSecond(double value) {
            return set(EngineSettings.RATE, value);
        }

        /** Most bytes of bodies and parsed documents held at once across fetchers. */
        public Builder memoryBudget(long value) {
            return set(EngineSettings.MEMORY_BUDGET, value);
        }

        /** How long in-flight fetches may run on after a cancel. */
        public Builder shutdownGrace(Duration value) {
            return set(EngineSettings.SHUTDOWN_GRACE, value);
        }

        /** Most URLs admitted; 0 means no limit. */
        public Builder maxPages(long value) {
            return set(ScopeSettings.MAX_PAGES, value);
        }

        /** Most link hops from a seed. */
        public Builder maxDepth(int value) {
            return set(ScopeSettings.MAX_DEPTH, value);
        }

        /** Whether links must stay on a seed's host. */
        public Builder sameHost(boolean value) {
            return set(ScopeSettings.SAME_HOST, value);
        }

        /** Replaces the include patterns. */
        public Builder include(List<String> value) {
            return set(ScopeSettings.INCLUDE, value);
        }

        /** Replaces the exclude patterns. */
        public Builder exclude(List<String> value) {
            return set(ScopeSettings.EXCLUDE, value);
        }

        /** Whether session-id parameters are removed from URLs. */
        public Builder stripSessionIds(boolean value) {
            return set(ScopeSettings.STRIP_SESSION_IDS, value);
        }

        /** Longest URL admitted. */
        public Builder maxUrlLength(int value) {
            return set(ScopeSettings.MAX_URL_LENGTH, value);
        }

        /** Most times one path segment may occur in a path. */
        public Builder maxSegmentRepeats(int value) {
            return set(ScopeSettings.MAX_SEGMENT_REPEATS, value);
        }

        /** Most URLs admitted per host; 0 means no limit. */
        public Builder maxPagesPerHost(long value) {
            return set(ScopeSettings.MAX_PAGES_PER_HOST, value);
        }

        /** Most links taken from one page. */
        public Builder maxLinksPerPage(int value) {
            return set(ScopeSettings.MAX_LINKS_PER_PAGE, value);
        }

        /** Whether non-seed hosts on internal addresses are refused. */
        public Builder ssrfGuard(boolean value) {
            return set(ScopeSettings.SSRF_GUARD, value);
        }

        /** Tries per URL, the first one included. */
        public Builder maxAttempts(int value) {
            return set(RetrySettings.MAX_ATTEMPTS, value);
        }

        /** Backoff before the first retry. */
        public Builder retryBaseDelay(Duration value) {
            return set(RetrySettings.RETRY_BASE_DELAY, value);
        }

        /** Longest backoff, and the longest {@code Retry-After} honoured. */
        public Builder retryMaxDelay(Duration value) {
            return set(RetrySettings.RETRY_MAX_DELAY, value);
        }

        /** Time allowed to open a connection. */
        public Builder connectTimeout(Duration value) {
            return set(FetchSettings.CONNECT_TIMEOUT, value);
        }

        /** Total deadline of one fetch, body included. */
        public Builder fetchTimeout(Duration value) {
            return set(FetchSettings.FETCH_TIMEOUT, value);
        }

        /** The {@code User-Agent} header. */
        public Builder userAgent(String value) {
            return set(FetchSettings.USER_AGENT, value);
        }

        /** Most bytes of a decoded body kept. */
        public Builder maxBodySize(long value) {
            return set(FetchSettings.MAX_BODY_SIZE, value);
        }

        /** Most redirect hops per fetch. */
        public Builder maxRedirects(int value) {
            return set(FetchSettings.MAX_REDIRECTS, value);
        }

        /** Most decoded bytes per compressed byte. */
        public Builder maxCompressionRatio(int value) {
            return set(FetchSettings.MAX_COMPRESSION_RATIO, value);
        }

        /** The rule file the command line extracts with; empty for none. */
        public Builder extract(String value) {
            return set(OutputSettings.EXTRACT, value);
        }

        /** Where the command line writes items; empty for none. */
        public Builder items(String value) {
            return set(OutputSettings.ITEMS, value);
        }

        /** Empty for the embedded frontier, or {@code redis://HOST:PORT/DB} to share one. */
        public Builder frontier(String value) {
            return set(SharedSettings.FRONTIER, value);
        }

        /** The shared crawl's name in Redis. */
        public Builder crawlName(String value) {
            return set(SharedSettings.CRAWL_NAME, value);
        }

        /** How long a claimed URL of a shared crawl stays with its process without a renewal. */
        public Builder leaseTime(Duration value) {
            return set(SharedSettings.LEASE_TIME, value);
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid value by its key
         */
        public CrawlConfig build() {
            Settings.all().forEach(setting -> setting.check(this));
            return new CrawlConfig(
                    EngineSettings.from(this),
                    ScopeSettings.from(this),
                    RetrySettings.from(this),
                    FetchSettings.from(this),
                    PolitenessSettings.from(this),
                    RequestSettings.from(this),
                    SharedSettings.choice(this),
                    OutputSettings.from(this));
        }
    }
}
