package dev.crawler.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable configuration of one crawl, shared by the library and the CLI.
 *
 * <p>Build it with {@link #builder()}, which holds the defaults, or load it from a file with {@link
 * ConfigFile}. Each component is the setting of the same name in the table of {@link Settings}
 * ({@code maxPagesPerHost} is {@code max-pages-per-host}, {@code maxRequestsPerSecond} is {@code
 * rate}, {@code hostAuth} is {@code auth}), where its range, default and help are written once and
 * from which {@code config/crawler.yaml} documents it. Every value is validated once, here, so the
 * rest of the crawler never re-checks it. Instances are immutable and safe to share between
 * threads.
 */
public record CrawlConfig(
        int workers,
        int queueCapacity,
        double maxRequestsPerSecond,
        long maxPages,
        int maxDepth,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        Duration connectTimeout,
        Duration fetchTimeout,
        String userAgent,
        long maxBodySize,
        long memoryBudget,
        int maxRedirects,
        boolean sameHost,
        List<String> include,
        List<String> exclude,
        Duration shutdownGrace,
        int hostConcurrency,
        Duration hostDelay,
        boolean respectRobots,
        String robotsAgent,
        Duration maxCrawlDelay,
        Duration robotsCacheTtl,
        boolean followSitemaps,
        long maxSitemapSize,
        boolean adaptiveDelay,
        Duration maxHostDelay,
        boolean stripSessionIds,
        int maxUrlLength,
        int maxSegmentRepeats,
        long maxPagesPerHost,
        int maxLinksPerPage,
        int maxCompressionRatio,
        boolean ssrfGuard,
        int maxWorkers,
        String frontier,
        String crawlName,
        Duration leaseTime,
        String extract,
        String items,
        Map<String, String> headers,
        Map<String, Map<String, String>> hostHeaders,
        Map<String, String> hostAuth,
        boolean cookies,
        String cookiesFile,
        Optional<LoginSpec> login,
        List<String> proxies,
        Map<String, String> hostProxies,
        int sessions,
        int sessionMaxBlocked,
        List<Map<String, String>> sessionHeaders,
        String proxy) {

    /** The default {@code User-Agent}. */
    public static final String DEFAULT_USER_AGENT =
            "jvm-crawler/0.1 (+polite; respects rate limits)";

    /** The default robots.txt product token. */
    public static final String DEFAULT_ROBOTS_AGENT = "jvm-crawler";

    /**
     * The default {@link #memoryBudget()}: an eighth of this JVM's heap (32 MiB under the
     * launcher's 256 MiB), leaving room for the one page the budget lets past it (whose document
     * may take half the heap) and the rest of the crawl.
     */
    public static long defaultMemoryBudget() {
        return Math.max(1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
    }

    /** Largest accepted {@link #maxBodySize()}: bodies are held in one array. */
    public static final long MAX_BODY_SIZE_LIMIT = 1L << 30;

    /**
     * Checks every value against its setting's range and normalizes it, then the rules between
     * settings; the messages name the setting by its key ({@code max-pages must be 0 or more: -1}).
     */
    public CrawlConfig {
        workers = CrawlSettings.WORKERS.checked(workers);
        maxWorkers = CrawlSettings.MAX_WORKERS.checked(maxWorkers);
        queueCapacity = CrawlSettings.QUEUE_CAPACITY.checked(queueCapacity);
        maxRequestsPerSecond = CrawlSettings.RATE.checked(maxRequestsPerSecond);
        maxPages = CrawlSettings.MAX_PAGES.checked(maxPages);
        maxDepth = CrawlSettings.MAX_DEPTH.checked(maxDepth);
        maxAttempts = CrawlSettings.MAX_ATTEMPTS.checked(maxAttempts);
        retryBaseDelay = CrawlSettings.RETRY_BASE_DELAY.checked(retryBaseDelay);
        retryMaxDelay = CrawlSettings.RETRY_MAX_DELAY.checked(retryMaxDelay);
        connectTimeout = CrawlSettings.CONNECT_TIMEOUT.checked(connectTimeout);
        fetchTimeout = CrawlSettings.FETCH_TIMEOUT.checked(fetchTimeout);
        userAgent = CrawlSettings.USER_AGENT.checked(userAgent);
        maxBodySize = CrawlSettings.MAX_BODY_SIZE.checked(maxBodySize);
        memoryBudget = CrawlSettings.MEMORY_BUDGET.checked(memoryBudget);
        maxRedirects = CrawlSettings.MAX_REDIRECTS.checked(maxRedirects);
        sameHost = CrawlSettings.SAME_HOST.checked(sameHost);
        include = CrawlSettings.INCLUDE.checked(include);
        exclude = CrawlSettings.EXCLUDE.checked(exclude);
        shutdownGrace = CrawlSettings.SHUTDOWN_GRACE.checked(shutdownGrace);
        hostConcurrency = PolitenessSettings.HOST_CONCURRENCY.checked(hostConcurrency);
        hostDelay = PolitenessSettings.HOST_DELAY.checked(hostDelay);
        respectRobots = PolitenessSettings.RESPECT_ROBOTS.checked(respectRobots);
        robotsAgent = PolitenessSettings.ROBOTS_AGENT.checked(robotsAgent);
        maxCrawlDelay = PolitenessSettings.MAX_CRAWL_DELAY.checked(maxCrawlDelay);
        robotsCacheTtl = PolitenessSettings.ROBOTS_CACHE_TTL.checked(robotsCacheTtl);
        followSitemaps = PolitenessSettings.FOLLOW_SITEMAPS.checked(followSitemaps);
        maxSitemapSize = PolitenessSettings.MAX_SITEMAP_SIZE.checked(maxSitemapSize);
        adaptiveDelay = PolitenessSettings.ADAPTIVE_DELAY.checked(adaptiveDelay);
        maxHostDelay = PolitenessSettings.MAX_HOST_DELAY.checked(maxHostDelay);
        stripSessionIds = PolitenessSettings.STRIP_SESSION_IDS.checked(stripSessionIds);
        maxUrlLength = PolitenessSettings.MAX_URL_LENGTH.checked(maxUrlLength);
        maxSegmentRepeats = PolitenessSettings.MAX_SEGMENT_REPEATS.checked(maxSegmentRepeats);
        maxPagesPerHost = PolitenessSettings.MAX_PAGES_PER_HOST.checked(maxPagesPerHost);
        maxLinksPerPage = PolitenessSettings.MAX_LINKS_PER_PAGE.checked(maxLinksPerPage);
        maxCompressionRatio = PolitenessSettings.MAX_COMPRESSION_RATIO.checked(maxCompressionRatio);
        ssrfGuard = PolitenessSettings.SSRF_GUARD.checked(ssrfGuard);
        frontier = SharedSettings.FRONTIER.checked(frontier);
        crawlName = SharedSettings.CRAWL_NAME.checked(crawlName);
        leaseTime = SharedSettings.LEASE_TIME.checked(leaseTime);
        extract = SharedSettings.EXTRACT.checked(extract);
        items = SharedSettings.ITEMS.checked(items);
        headers = RequestSettings.HEADERS.checked(headers);
        hostHeaders = RequestSettings.HOST_HEADERS.checked(hostHeaders);
        hostAuth = RequestSettings.AUTH.checked(hostAuth);
        proxy = RequestSettings.PROXY.checked(proxy);
        proxies = RequestSettings.PROXIES.checked(proxies);
        hostProxies = RequestSettings.HOST_PROXIES.checked(hostProxies);
        sessions = RequestSettings.SESSIONS.checked(sessions);
        sessionMaxBlocked = RequestSettings.SESSION_MAX_BLOCKED.checked(sessionMaxBlocked);
        sessionHeaders = RequestSettings.SESSION_HEADERS.checked(sessionHeaders);
        cookies = RequestSettings.COOKIES.checked(cookies);
        cookiesFile = RequestSettings.COOKIES_FILE.checked(cookiesFile);
        login = RequestSettings.LOGIN.checked(login);
        requireAtLeast("max-host-delay", maxHostDelay, "host-delay", hostDelay);
        requireAtLeast("retry-max-delay", retryMaxDelay, "retry-base-delay", retryBaseDelay);
        if (maxWorkers != 0 && maxWorkers < workers) {
            throw new IllegalArgumentException(
                    "max-workers must be 0 (fixed) or at least workers ("
                            + workers
                            + "): "
                            + maxWorkers);
        }
        if (!cookiesFile.isEmpty() && !cookies) {
            throw new IllegalArgumentException("cookies-file needs cookies: true");
        }
        if (login.isPresent() && !cookies) {
            throw new IllegalArgumentException("login needs cookies: true");
        }
    }

    private static void requireAtLeast(String key, Duration value, String other, Duration floor) {
        if (value.compareTo(floor) < 0) {
            throw new IllegalArgumentException(
                    key
                            + " ("
                            + Units.formatDuration(value)
                            + ") must not be shorter than "
                            + other
                            + " ("
                            + Units.formatDuration(floor)
                            + ")");
        }
    }

    /** Whether the frontier is shared through Redis ({@link #frontier()} is set). */
    public boolean sharedFrontier() {
        return !frontier.isEmpty();
    }

    /** The defaults, as documented on each component. */
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

    /** Whether a global request-rate cap is set. */
    public boolean rateLimited() {
        return maxRequestsPerSecond > 0;
    }

    /**
     * Collects values for a {@link CrawlConfig}; not thread-safe. Starts from the defaults of
     * {@link Settings}; {@link #build()} checks them.
     */
    public static final class Builder {
        private int workers;
        private int queueCapacity;
        private double maxRequestsPerSecond;
        private long maxPages;
        private int maxDepth;
        private int maxAttempts;
        private Duration retryBaseDelay;
        private Duration retryMaxDelay;
        private Duration connectTimeout;
        private Duration fetchTimeout;
        private String userAgent;
        private long maxBodySize;
        private long memoryBudget;
        private int maxRedirects;
        private boolean sameHost;
        private List<String> include;
        private List<String> exclude;
        private Duration shutdownGrace;
        private int hostConcurrency;
        private Duration hostDelay;
        private boolean respectRobots;
        private String robotsAgent;
        private Duration maxCrawlDelay;
        private Duration robotsCacheTtl;
        private boolean followSitemaps;
        private long maxSitemapSize;
        private boolean adaptiveDelay;
        private Duration maxHostDelay;
        private boolean stripSessionIds;
        private int maxUrlLength;
        private int maxSegmentRepeats;
        private long maxPagesPerHost;
        private int maxLinksPerPage;
        private int maxCompressionRatio;
        private boolean ssrfGuard;
        private int maxWorkers;
        private String frontier;
        private String crawlName;
        private Duration leaseTime;
        private String extract;
        private String items;
        private Map<String, String> headers;
        private Map<String, Map<String, String>> hostHeaders;
        private Map<String, String> hostAuth;
        private boolean cookies;
        private String cookiesFile;
        private Optional<LoginSpec> login;
        private String proxy;
        private List<String> proxies;
        private Map<String, String> hostProxies;
        private int sessions;
        private int sessionMaxBlocked;
        private List<Map<String, String>> sessionHeaders;

        Builder() {
            Settings.all().forEach(setting -> setting.reset(this));
        }

        Builder(CrawlConfig c) {
            Settings.all().forEach(setting -> setting.copy(c, this));
        }

        /** Number of fetchers (virtual threads). */
        public Builder workers(int value) {
            workers = value;
            return this;
        }

        /** Capacity of the bounded hand-off queue. */
        public Builder queueCapacity(int value) {
            queueCapacity = value;
            return this;
        }

        /** Global cap on requests per second; 0 turns the cap off. */
        public Builder maxRequestsPerSecond(double value) {
            maxRequestsPerSecond = value;
            return this;
        }

        /** Most URLs admitted; 0 means no limit. */
        public Builder maxPages(long value) {
            maxPages = value;
            return this;
        }

        /** Most link hops from a seed. */
        public Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        /** Tries per URL, the first one included. */
        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        /** Backoff before the first retry. */
        public Builder retryBaseDelay(Duration value) {
            retryBaseDelay = value;
            return this;
        }

        /** Longest backoff, and the longest {@code Retry-After} honoured. */
        public Builder retryMaxDelay(Duration value) {
            retryMaxDelay = value;
            return this;
        }

        /** Time allowed to open a connection. */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** Total deadline of one fetch, body included. */
        public Builder fetchTimeout(Duration value) {
            fetchTimeout = value;
            return this;
        }

        /** The {@code User-Agent} header. */
        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        /** Most bytes of a decoded body kept. */
        public Builder maxBodySize(long value) {
            maxBodySize = value;
            return this;
        }

        /** Most bytes of bodies and parsed documents held at once across fetchers. */
        public Builder memoryBudget(long value) {
            memoryBudget = value;
            return this;
        }

        /** Most redirect hops per fetch. */
        public Builder maxRedirects(int value) {
            maxRedirects = value;
            return this;
        }

        /** Whether links must stay on a seed's host. */
        public Builder sameHost(boolean value) {
            sameHost = value;
            return this;
        }

        /** Replaces the include patterns. */
        public Builder include(List<String> value) {
            include = new ArrayList<>(value);
            return this;
        }

        /** Replaces the exclude patterns. */
        public Builder exclude(List<String> value) {
            exclude = new ArrayList<>(value);
            return this;
        }

        /** How long in-flight fetches may run on after a cancel. */
        public Builder shutdownGrace(Duration value) {
            shutdownGrace = value;
            return this;
        }

        /** Most requests in flight to one host at once. */
        public Builder hostConcurrency(int value) {
            hostConcurrency = value;
            return this;
        }

        /** Least time between requests to one host; zero for one's own site. */
        public Builder hostDelay(Duration value) {
            hostDelay = value;
            return this;
        }

        /** Whether robots.txt is obeyed; turn it off only for sites you own. */
        public Builder respectRobots(boolean value) {
            respectRobots = value;
            return this;
        }

        /** The product token matched against robots.txt {@code User-agent} lines. */
        public Builder robotsAgent(String value) {
            robotsAgent = value;
            return this;
        }

        /** Highest robots.txt {@code Crawl-delay} honoured. */
        public Builder maxCrawlDelay(Duration value) {
            maxCrawlDelay = value;
            return this;
        }

        /** How long robots.txt rules are cached. */
        public Builder robotsCacheTtl(Duration value) {
            robotsCacheTtl = value;
            return this;
        }

        /** Whether {@code Sitemap:} lines of robots.txt are followed. */
        public Builder followSitemaps(boolean value) {
            followSitemaps = value;
            return this;
        }

        /** Most bytes of one sitemap. */
        public Builder maxSitemapSize(long value) {
            maxSitemapSize = value;
            return this;
        }

        /** Whether a host's delay follows its latency. */
        public Builder adaptiveDelay(boolean value) {
            adaptiveDelay = value;
            return this;
        }

        /** Ceiling of a host's delay. */
        public Builder maxHostDelay(Duration value) {
            maxHostDelay = value;
            return this;
        }

        /** Whether session-id parameters are removed from URLs. */
        public Builder stripSessionIds(boolean value) {
            stripSessionIds = value;
            return this;
        }

        /** Longest URL admitted. */
        public Builder maxUrlLength(int value) {
            maxUrlLength = value;
            return this;
        }

        /** Most times one path segment may occur in a path. */
        public Builder maxSegmentRepeats(int value) {
            maxSegmentRepeats = value;
            return this;
        }

        /** Most links taken from one page. */
        public Builder maxLinksPerPage(int value) {
            maxLinksPerPage = value;
            return this;
        }

        /** Most URLs admitted per host; 0 means no limit. */
        public Builder maxPagesPerHost(long value) {
            maxPagesPerHost = value;
            return this;
        }

        /** Most decoded bytes per compressed byte. */
        public Builder maxCompressionRatio(int value) {
            maxCompressionRatio = value;
            return this;
        }

        /** Whether non-seed hosts on internal addresses are refused. */
        public Builder ssrfGuard(boolean value) {
            ssrfGuard = value;
            return this;
        }

        /** 0 for a fixed number of fetchers; else the most they may scale up to. */
        public Builder maxWorkers(int value) {
            maxWorkers = value;
            return this;
        }

        /** Empty for the embedded frontier, or {@code redis://HOST:PORT/DB} to share one. */
        public Builder frontier(String value) {
            frontier = value;
            return this;
        }

        /** The shared crawl's name in Redis. */
        public Builder crawlName(String value) {
            crawlName = value;
            return this;
        }

        /** How long a claimed URL of a shared crawl stays with its process without a renewal. */
        public Builder leaseTime(Duration value) {
            leaseTime = value;
            return this;
        }

        /** The rule file the command line extracts with; empty for none. */
        public Builder extract(String value) {
            extract = value;
            return this;
        }

        /** Headers sent with every request (say {@code Accept-Language}), in order. */
        public Builder headers(Map<String, String> value) {
            headers = value;
            return this;
        }

        /**
         * Headers sent to one host (by name) on top of {@link #headers}, replacing the same names.
         */
        public Builder hostHeaders(Map<String, Map<String, String>> value) {
            hostHeaders = value;
            return this;
        }

        /**
         * The {@code Authorization} value sent to each host (by name), for example {@code "Basic
         * ..."} or {@code "Bearer ..."}; see {@link HostAuth}.
         */
        public Builder hostAuth(Map<String, String> value) {
            hostAuth = value;
            return this;
        }

        /**
         * An HTTP proxy for every request: {@code http://[USER:PASS@]HOST:PORT}; empty for none.
         */
        public Builder proxy(String value) {
            proxy = value;
            return this;
        }

        /** More proxies, hosts spread over them and {@link #proxy}. */
        public Builder proxies(List<String> value) {
            proxies = value;
            return this;
        }

        /** A host's own proxy, by host name; {@code direct} for none. */
        public Builder hostProxies(Map<String, String> value) {
            hostProxies = value;
            return this;
        }

        /** Independent sessions requests are spread over; 0 for one, never retired. */
        public Builder sessions(int value) {
            sessions = value;
            return this;
        }

        /** Blocked answers (403, 429) in a row that retire a session. */
        public Builder sessionMaxBlocked(int value) {
            sessionMaxBlocked = value;
            return this;
        }

        /** Headers each session sends, the sessions taking the sets in turn. */
        public Builder sessionHeaders(List<Map<String, String>> value) {
            sessionHeaders = value;
            return this;
        }

        /** Whether the crawl keeps cookies (one jar per crawl, RFC 6265 through the JDK). */
        public Builder cookies(boolean value) {
            cookies = value;
            return this;
        }

        /** A Netscape {@code cookies.txt} the crawl's cookie jar starts with ("" for none). */
        public Builder cookiesFile(String value) {
            cookiesFile = value;
            return this;
        }

        /** A form login run before the crawl (empty: none); it needs the cookie jar. */
        public Builder login(Optional<LoginSpec> value) {
            login = value;
            return this;
        }

        /** Where the command line writes items; empty for none. */
        public Builder items(String value) {
            items = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid value
         */
        public CrawlConfig build() {
            return new CrawlConfig(
                    workers,
                    queueCapacity,
                    maxRequestsPerSecond,
                    maxPages,
                    maxDepth,
                    maxAttempts,
                    retryBaseDelay,
                    retryMaxDelay,
                    connectTimeout,
                    fetchTimeout,
                    userAgent,
                    maxBodySize,
                    memoryBudget,
                    maxRedirects,
                    sameHost,
                    include,
                    exclude,
                    shutdownGrace,
                    hostConcurrency,
                    hostDelay,
                    respectRobots,
                    robotsAgent,
                    maxCrawlDelay,
                    robotsCacheTtl,
                    followSitemaps,
                    maxSitemapSize,
                    adaptiveDelay,
                    maxHostDelay,
                    stripSessionIds,
                    maxUrlLength,
                    maxSegmentRepeats,
                    maxPagesPerHost,
                    maxLinksPerPage,
                    maxCompressionRatio,
                    ssrfGuard,
                    maxWorkers,
                    frontier,
                    crawlName,
                    leaseTime,
                    extract,
                    items,
                    headers,
                    hostHeaders,
                    hostAuth,
                    cookies,
                    cookiesFile,
                    login,
                    proxies,
                    hostProxies,
                    sessions,
                    sessionMaxBlocked,
                    sessionHeaders,
                    proxy);
        }
    }
}
