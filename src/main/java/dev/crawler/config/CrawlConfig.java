package dev.crawler.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The immutable configuration of one crawl, shared by the library and the CLI.
 *
 * <p>Build it with {@link #builder()}, which holds the documented defaults, or load it from a file
 * with {@link ConfigFile}. Every value is validated once, here, so the rest of the crawler never
 * re-checks it. Instances are immutable and safe to share between threads.
 *
 * @param workers number of fetchers, each on its own virtual thread (default 5)
 * @param queueCapacity capacity of the bounded queue between producers and fetchers (default 100)
 * @param maxRequestsPerSecond global cap on requests started per second; 0 means no cap (default)
 * @param maxPages most URLs admitted to the crawl; 0 means no limit (default)
 * @param maxDepth most link hops from a seed (default 5; seeds have depth 0)
 * @param maxAttempts tries per URL, the first one included, before it is final as failed (default
 *     3)
 * @param retryBaseDelay backoff before the first retry; doubles with each attempt, with jitter
 *     (default 1s)
 * @param retryMaxDelay longest backoff; a {@code Retry-After} longer than this fails the URL
 *     (default 60s)
 * @param connectTimeout time allowed to open a connection (default 10s)
 * @param fetchTimeout total deadline for one fetch, redirects and body included (default 30s)
 * @param userAgent the {@code User-Agent} header sent with every request
 * @param maxBodySize most bytes of a body kept, after decoding; longer bodies are truncated
 *     (default 10 MiB)
 * @param memoryBudget most bytes of bodies and parsed documents held at once across fetchers; a
 *     download or parse that does not fit waits for others (default an eighth of the heap)
 * @param maxRedirects most redirect hops followed within one fetch (default 5)
 * @param sameHost whether links must stay on a seed's host (default true)
 * @param include regular expressions; when any are given, a link must match one to be followed
 * @param exclude regular expressions; a link matching any of them is not followed
 * @param shutdownGrace how long in-flight fetches may run on after a cancel (default 5s)
 * @param hostConcurrency most requests in flight to one host (scheme, host and port) at once
 *     (default 2)
 * @param hostDelay least time between two requests to one host, and after each response (default
 *     250ms; 0 for one's own site); robots.txt {@code Crawl-delay} and adaptive slowdown can raise
 *     it
 * @param respectRobots whether robots.txt is fetched and obeyed (default true); turn it off only
 *     for sites you own
 * @param robotsAgent the product token matched against robots.txt {@code User-agent} lines
 * @param maxCrawlDelay highest robots.txt {@code Crawl-delay} honoured; longer ones are capped
 *     (default 30s)
 * @param robotsCacheTtl how long a host's robots.txt rules are kept before it is fetched again
 *     (default 24h)
 * @param followSitemaps whether {@code Sitemap:} lines of robots.txt are followed (default true)
 * @param maxSitemapSize most bytes of one sitemap, after decompression (default 50MiB)
 * @param adaptiveDelay whether a host's delay follows its latency, like Scrapy's AutoThrottle
 *     (default true); slowing down on 429 and 503 is always on
 * @param maxHostDelay ceiling of a host's delay however it grows (default 60s)
 * @param stripSessionIds whether common session-id parameters ({@code jsessionid}, {@code
 *     PHPSESSID}, {@code sid}, ...) are removed from URLs (default true)
 * @param maxUrlLength longest URL admitted, in characters (default 2048)
 * @param maxSegmentRepeats most times one path segment may occur in a URL's path, against traps
 *     like {@code /a/a/a/...} (default 3)
 * @param maxPagesPerHost most URLs admitted per host; 0 means no limit (default)
 * @param maxLinksPerPage most links taken from one page (default 5,000, as crawler4j's {@code
 *     maxOutgoingLinksToFollow}); the rest are not read, which bounds the memory and the crawl time
 *     a page of a million links can cost
 * @param maxCompressionRatio most bytes a compressed body may inflate to per compressed byte; more
 *     is treated as a compression bomb (default 100)
 * @param ssrfGuard whether URLs on hosts other than the seeds' are refused when their address is
 *     loopback, private, link-local, multicast or unspecified (default true)
 * @param maxWorkers 0 for a fixed number of fetchers (default); otherwise the fetchers start at
 *     {@code workers} and scale between {@code workers} and this many, more while the queue stays
 *     deep and every fetcher is waiting on the network, fewer while it stays shallow
 * @param frontier empty for the embedded frontier (default); or {@code redis://HOST:PORT/DB} (or
 *     {@code redis-cluster://HOST:PORT}, any node of a Redis Cluster) to share the crawl's frontier
 *     through Redis with every process given the same URL and {@code crawlName}
 * @param crawlName names the shared crawl in Redis: processes with the same name work on one crawl
 *     (default {@code default}; letters, digits, '.', '_' and '-')
 * @param leaseTime how long a process may hold a URL of a shared crawl without renewing its lease;
 *     the URLs of a process that died go back to their queues after it (default 30s)
 * @param extract the command line's rule file (YAML), empty for none; the library takes rules as a
 *     handler ({@code Crawler.Builder.handler(Rules.load(path))}) instead
 * @param items the command line's items output ({@code .csv} for CSV, {@code -} for standard
 *     output, anything else JSON Lines), empty for none
 * @param headers headers sent with every request, in order (names checked at start: the JDK's
 *     restricted headers and those the crawler sets itself are refused)
 * @param hostHeaders more headers for the requests to one host, by host name
 * @param hostAuth the {@code Authorization} header for the requests to one host, by host name (from
 *     {@code auth:}: Basic or bearer; never printed)
 * @param cookies whether the crawl keeps cookies (default true): what servers set is sent back to
 *     them by RFC 6265's rules, across redirects
 * @param cookiesFile a Netscape {@code cookies.txt} (a browser's export) whose cookies the jar
 *     starts with; empty for none
 * @param login a form login run before the crawl; empty for none
 * @param proxies more proxies: hosts are spread over these and {@code proxy}, each host keeping one
 *     while it works
 * @param hostProxies a host's own proxy ({@code direct} for none), by host name
 * @param sessions independent sessions (cookie jar, place in the proxy rotation) requests are
 *     spread over, as Crawlee's session pool; 0 for one, never retired (default)
 * @param sessionMaxBlocked {@code 403}/{@code 429} answers in a row that retire a session (default
 *     3)
 * @param sessionHeaders headers each session sends (an {@code Accept-Language} of its own, say),
 *     the sessions taking the sets in turn; empty for none
 * @param proxy an HTTP proxy every request goes through, {@code http://[USER:PASS@]HOST:PORT}
 *     (credentials sent as {@code Proxy-Authorization: Basic}); empty for none
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

    /** Validates every value; the messages name the offending field. */
    public CrawlConfig {
        checkRange("workers", workers, 1, 100_000);
        checkRange("queueCapacity", queueCapacity, 1, 10_000_000);
        if (!(maxRequestsPerSecond >= 0) || Double.isInfinite(maxRequestsPerSecond)) {
            throw new IllegalArgumentException(
                    "maxRequestsPerSecond must be 0 (no cap) or positive: " + maxRequestsPerSecond);
        }
        checkRange("maxPages", maxPages, 0, Long.MAX_VALUE);
        checkRange("maxDepth", maxDepth, 0, 10_000);
        checkRange("maxAttempts", maxAttempts, 1, 100);
        checkPositive("retryBaseDelay", retryBaseDelay);
        checkPositive("retryMaxDelay", retryMaxDelay);
        checkPositive("connectTimeout", connectTimeout);
        checkPositive("fetchTimeout", fetchTimeout);
        requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(
                    "userAgent must be non-blank printable text: '" + userAgent + "'");
        }
        checkRange("maxBodySize", maxBodySize, 1, MAX_BODY_SIZE_LIMIT);
        checkRange("memoryBudget", memoryBudget, 1024 * 1024, Long.MAX_VALUE);
        checkRange("maxRedirects", maxRedirects, 0, 50);
        include = checkPatterns("include", include);
        exclude = checkPatterns("exclude", exclude);
        requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "shutdownGrace must not be negative: " + shutdownGrace);
        }
        checkRange("hostConcurrency", hostConcurrency, 1, 100_000);
        checkNotNegative("hostDelay", hostDelay);
        requireNonNull(robotsAgent, "robotsAgent");
        if (!robotsAgent.matches("[A-Za-z_-]+")) {
            throw new IllegalArgumentException(
                    "robotsAgent must be a product token (letters, '-' and '_'): '"
                            + robotsAgent
                            + "'");
        }
        checkNotNegative("maxCrawlDelay", maxCrawlDelay);
        checkPositive("robotsCacheTtl", robotsCacheTtl);
        checkRange("maxSitemapSize", maxSitemapSize, 1, MAX_BODY_SIZE_LIMIT);
        checkPositive("maxHostDelay", maxHostDelay);
        if (maxHostDelay.compareTo(hostDelay) < 0) {
            throw new IllegalArgumentException(
                    "maxHostDelay ("
                            + maxHostDelay
                            + ") must not be shorter than hostDelay ("
                            + hostDelay
                            + ")");
        }
        checkRange("maxUrlLength", maxUrlLength, 16, 65_536);
        checkRange("maxSegmentRepeats", maxSegmentRepeats, 1, 1_000);
        checkRange("maxPagesPerHost", maxPagesPerHost, 0, Long.MAX_VALUE);
        checkRange("maxLinksPerPage", maxLinksPerPage, 1, 1_000_000);
        checkRange("maxWorkers", maxWorkers, 0, 100_000);
        if (maxWorkers != 0 && maxWorkers < workers) {
            throw new IllegalArgumentException(
                    "maxWorkers must be 0 (fixed) or at least workers ("
                            + workers
                            + "): "
                            + maxWorkers);
        }
        checkRange("maxCompressionRatio", maxCompressionRatio, 2, 100_000);
        checkFrontier(requireNonNull(frontier, "frontier"));
        requireNonNull(extract, "extract");
        requireNonNull(items, "items");
        headers = RequestHeaders.checked(headers, "headers");
        Map<String, Map<String, String>> byHost = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : hostHeaders.entrySet()) {
            String host = e.getKey().strip().toLowerCase(java.util.Locale.ROOT);
            if (host.isEmpty() || host.contains("/")) {
                throw new IllegalArgumentException(
                        "host-headers: '" + e.getKey() + "' is not a host name");
            }
            byHost.put(host, RequestHeaders.checked(e.getValue(), "host-headers: " + host));
        }
        hostHeaders = java.util.Collections.unmodifiableMap(byHost);
        hostAuth = HostAuth.checked(requireNonNull(hostAuth, "hostAuth"));
        requireNonNull(cookiesFile, "cookiesFile");
        if (!cookiesFile.isEmpty() && !cookies) {
            throw new IllegalArgumentException("cookies-file needs cookies: true");
        }
        if (requireNonNull(login, "login").isPresent() && !cookies) {
            throw new IllegalArgumentException("login needs cookies: true");
        }
        ProxySpec.parse(requireNonNull(proxy, "proxy")); // refuses a malformed one
        proxies = List.copyOf(proxies);
        proxies.forEach(ProxySpec::parse);
        Map<String, String> routes = new java.util.LinkedHashMap<>();
        hostProxies.forEach(
                (host, spec) -> {
                    if (!spec.strip().equals("direct")) {
                        ProxySpec.parse(spec);
                    }
                    routes.put(host.strip().toLowerCase(java.util.Locale.ROOT), spec.strip());
                });
        hostProxies = java.util.Collections.unmodifiableMap(routes);
        checkRange("sessions", sessions, 0, 10_000);
        checkRange("sessionMaxBlocked", sessionMaxBlocked, 1, 1000);
        List<Map<String, String>> perSession = new ArrayList<>();
        for (Map<String, String> h : sessionHeaders) {
            perSession.add(RequestHeaders.checked(h, "session-headers"));
        }
        sessionHeaders = List.copyOf(perSession);
        if (!CRAWL_NAME.matcher(requireNonNull(crawlName, "crawlName")).matches()) {
            throw new IllegalArgumentException(
                    "crawlName must be 1 to 64 letters, digits, '.', '_' or '-': '"
                            + crawlName
                            + "'");
        }
        checkPositive("leaseTime", leaseTime);
        if (leaseTime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("leaseTime must be at least 1s: " + leaseTime);
        }
        if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException(
                    "retryMaxDelay ("
                            + retryMaxDelay
                            + ") must not be shorter than retryBaseDelay ("
                            + retryBaseDelay
                            + ")");
        }
    }

    private static final Pattern CRAWL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static void checkFrontier(String frontier) {
        if (frontier.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(frontier);
            if (!List.of("redis", "rediss", "redis-cluster").contains(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(frontier, "expected redis://HOST:PORT/DB");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "frontier must be empty (embedded), redis://HOST:PORT/DB or"
                            + " redis-cluster://HOST:PORT: '"
                            + frontier
                            + "'",
                    e);
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
     * Messages name a setting by its configuration key: {@code maxPagesPerHost} is {@code
     * max-pages-per-host}.
     */
    static String key(String field) {
        StringBuilder b = new StringBuilder(field.length() + 4);
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    key(name)
                            + (max == Long.MAX_VALUE
                                    ? " must be " + min + " or more"
                                    : " must be from " + min + " to " + max)
                            + ": "
                            + value);
        }
    }

    private static void checkPositive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    key(name) + " must be positive: " + Units.formatDuration(value));
        }
    }

    private static void checkNotNegative(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(
                    key(name) + " must not be negative: " + Units.formatDuration(value));
        }
    }

    private static List<String> checkPatterns(String name, List<String> patterns) {
        requireNonNull(patterns, name);
        for (String p : patterns) {
            try {
                Pattern.compile(requireNonNull(p, name + " entry"));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        name
                                + " has an invalid regular expression '"
                                + p
                                + "': "
                                + e.getDescription(),
                        e);
            }
        }
        return List.copyOf(patterns);
    }

    /** Collects values for a {@link CrawlConfig}; not thread-safe. Starts from the defaults. */
    public static final class Builder {
        private int workers = 5;
        private int queueCapacity = 100;
        private double maxRequestsPerSecond = 0;
        private long maxPages = 0;
        private int maxDepth = 5;
        private int maxAttempts = 3;
        private Duration retryBaseDelay = Duration.ofSeconds(1);
        private Duration retryMaxDelay = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration fetchTimeout = Duration.ofSeconds(30);
        private String userAgent = DEFAULT_USER_AGENT;
        private long maxBodySize = 10L * 1024 * 1024;
        private long memoryBudget = defaultMemoryBudget();
        private int maxRedirects = 5;
        private boolean sameHost = true;
        private List<String> include = new ArrayList<>();
        private List<String> exclude = new ArrayList<>();
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private int hostConcurrency = 2;
        private Duration hostDelay = Duration.ofMillis(250);
        private boolean respectRobots = true;
        private String robotsAgent = DEFAULT_ROBOTS_AGENT;
        private Duration maxCrawlDelay = Duration.ofSeconds(30);
        private Duration robotsCacheTtl = Duration.ofHours(24);
        private boolean followSitemaps = true;
        private long maxSitemapSize = 50L * 1024 * 1024;
        private boolean adaptiveDelay = true;
        private Duration maxHostDelay = Duration.ofSeconds(60);
        private boolean stripSessionIds = true;
        private int maxUrlLength = 2048;
        private int maxSegmentRepeats = 3;
        private long maxPagesPerHost = 0;
        private int maxLinksPerPage = 5_000;
        private int maxCompressionRatio = 100;
        private boolean ssrfGuard = true;
        private int maxWorkers = 0;
        private String frontier = "";
        private String crawlName = "default";
        private Duration leaseTime = Duration.ofSeconds(30);
        private String extract = "";
        private String items = "";
        private Map<String, String> headers = Map.of();
        private Map<String, Map<String, String>> hostHeaders = Map.of();
        private Map<String, String> hostAuth = Map.of();
        private boolean cookies = true;
        private String cookiesFile = "";
        private Optional<LoginSpec> login = Optional.empty();
        private String proxy = "";
        private List<String> proxies = List.of();
        private Map<String, String> hostProxies = Map.of();
        private int sessions;
        private int sessionMaxBlocked = 3;
        private List<Map<String, String>> sessionHeaders = List.of();

        Builder() {}

        Builder(CrawlConfig c) {
            workers = c.workers;
            queueCapacity = c.queueCapacity;
            maxRequestsPerSecond = c.maxRequestsPerSecond;
            maxPages = c.maxPages;
            maxDepth = c.maxDepth;
            maxAttempts = c.maxAttempts;
            retryBaseDelay = c.retryBaseDelay;
            retryMaxDelay = c.retryMaxDelay;
            connectTimeout = c.connectTimeout;
            fetchTimeout = c.fetchTimeout;
            userAgent = c.userAgent;
            maxBodySize = c.maxBodySize;
            memoryBudget = c.memoryBudget;
            maxRedirects = c.maxRedirects;
            sameHost = c.sameHost;
            include = new ArrayList<>(c.include);
            exclude = new ArrayList<>(c.exclude);
            shutdownGrace = c.shutdownGrace;
            hostConcurrency = c.hostConcurrency;
            hostDelay = c.hostDelay;
            respectRobots = c.respectRobots;
            robotsAgent = c.robotsAgent;
            maxCrawlDelay = c.maxCrawlDelay;
            robotsCacheTtl = c.robotsCacheTtl;
            followSitemaps = c.followSitemaps;
            maxSitemapSize = c.maxSitemapSize;
            adaptiveDelay = c.adaptiveDelay;
            maxHostDelay = c.maxHostDelay;
            stripSessionIds = c.stripSessionIds;
            maxUrlLength = c.maxUrlLength;
            maxSegmentRepeats = c.maxSegmentRepeats;
            maxPagesPerHost = c.maxPagesPerHost;
            maxLinksPerPage = c.maxLinksPerPage;
            maxCompressionRatio = c.maxCompressionRatio;
            ssrfGuard = c.ssrfGuard;
            maxWorkers = c.maxWorkers;
            frontier = c.frontier;
            crawlName = c.crawlName;
            leaseTime = c.leaseTime;
            extract = c.extract;
            items = c.items;
            headers = c.headers;
            hostHeaders = c.hostHeaders;
            hostAuth = c.hostAuth;
            cookies = c.cookies;
            cookiesFile = c.cookiesFile;
            login = c.login;
            proxy = c.proxy;
            proxies = c.proxies;
            hostProxies = c.hostProxies;
            sessions = c.sessions;
            sessionMaxBlocked = c.sessionMaxBlocked;
            sessionHeaders = c.sessionHeaders;
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
