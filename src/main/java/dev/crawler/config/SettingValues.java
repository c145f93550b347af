package dev.crawler.config;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values a {@link CrawlConfig.Builder} holds, one per setting, and the setters of the
 * politeness and request settings (the builder's own file holds the rest). Not thread-safe.
 */
abstract sealed class SettingValues permits CrawlConfig.Builder {
    private final Map<Setting<?>, Object> values = new IdentityHashMap<>();

    /** The value of {@code setting}; every setting has one from the builder's start. */
    @SuppressWarnings("unchecked") // set() only stores a T under a Setting<T>
    final <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    final <T> CrawlConfig.Builder set(Setting<T> setting, T value) {
        values.put(setting, value);
        return (CrawlConfig.Builder) this;
    }

    /** Most requests in flight to one host at once. */
    public CrawlConfig.Builder hostConcurrency(int value) {
        return set(PolitenessSettings.HOST_CONCURRENCY, value);
    }

    /** Least time between requests to one host; zero for one's own site. */
    public CrawlConfig.Builder hostDelay(Duration value) {
        return set(PolitenessSettings.HOST_DELAY, value);
    }

    /** Whether robots.txt is obeyed; turn it off only for sites you own. */
    public CrawlConfig.Builder respectRobots(boolean value) {
        return set(PolitenessSettings.RESPECT_ROBOTS, value);
    }

    /** The product token matched against robots.txt {@code User-agent} lines. */
    public CrawlConfig.Builder robotsAgent(String value) {
        return set(PolitenessSettings.ROBOTS_AGENT, value);
    }

    /** Highest robots.txt {@code Crawl-delay} honoured. */
    public CrawlConfig.Builder maxCrawlDelay(Duration value) {
        return set(PolitenessSettings.MAX_CRAWL_DELAY, value);
    }

    /** How long robots.txt rules are cached. */
    public CrawlConfig.Builder robotsCacheTtl(Duration value) {
        return set(PolitenessSettings.ROBOTS_CACHE_TTL, value);
    }

    /** Whether {@code Sitemap:} lines of robots.txt are followed. */
    public CrawlConfig.Builder followSitemaps(boolean value) {
        return set(PolitenessSettings.FOLLOW_SITEMAPS, value);
    }

    /** Most bytes of one sitemap. */
    public CrawlConfig.Builder maxSitemapSize(long value) {
        return set(PolitenessSettings.MAX_SITEMAP_SIZE, value);
    }

    /** Whether a host's delay follows its latency. */
    public CrawlConfig.Builder adaptiveDelay(boolean value) {
        return set(PolitenessSettings.ADAPTIVE_DELAY, value);
    }

    /** Ceiling of a host's delay. */
    public CrawlConfig.Builder maxHostDelay(Duration value) {
        return set(PolitenessSettings.MAX_HOST_DELAY, value);
    }

    /** Headers sent with every request (say {@code Accept-Language}), in order. */
    public CrawlConfig.Builder headers(Map<String, String> value) {
        return set(RequestSettings.HEADERS, value);
    }

    /** Headers sent to one host (by name) on top of {@link #headers}, replacing the same names. */
    public CrawlConfig.Builder hostHeaders(Map<String, Map<String, String>> value) {
        return set(RequestSettings.HOST_HEADERS, value);
    }

    /**
     * The {@code Authorization} value sent to each host (by name), for example {@code "Basic ..."}
     * or {@code "Bearer ..."}; see {@link HostAuth}.
     */
    public CrawlConfig.Builder hostAuth(Map<String, String> value) {
        return set(RequestSettings.AUTH, value);
    }

    /** Whether the crawl keeps cookies (one jar per crawl, RFC 6265 through the JDK). */
    public CrawlConfig.Builder cookies(boolean value) {
        return set(RequestSettings.COOKIES, value);
    }

    /** A Netscape {@code cookies.txt} the crawl's cookie jar starts with ("" for none). */
    public CrawlConfig.Builder cookiesFile(String value) {
        return set(RequestSettings.COOKIES_FILE, value);
    }

    /** A form login run before the crawl (empty: none); it needs the cookie jar. */
    public CrawlConfig.Builder login(Optional<LoginSpec> value) {
        return set(RequestSettings.LOGIN, value);
    }

    /** An HTTP proxy for every request: {@code http://[USER:PASS@]HOST:PORT}; empty for none. */
    public CrawlConfig.Builder proxy(String value) {
        return set(RequestSettings.PROXY, value);
    }

    /** More proxies, hosts spread over them and {@link #proxy}. */
    public CrawlConfig.Builder proxies(List<String> value) {
        return set(RequestSettings.PROXIES, value);
    }

    /** A host's own proxy, by host name; {@code direct} for none. */
    public CrawlConfig.Builder hostProxies(Map<String, String> value) {
        return set(RequestSettings.HOST_PROXIES, value);
    }

    /** Independent sessions requests are spread over; 0 for one, never retired. */
    public CrawlConfig.Builder sessions(int value) {
        return set(RequestSettings.SESSIONS, value);
    }

    /** Blocked answers (403, 429) in a row that retire a session. */
    public CrawlConfig.Builder sessionMaxBlocked(int value) {
        return set(RequestSettings.SESSION_MAX_BLOCKED, value);
    }

    /** Headers each session sends, the sessions taking the sets in turn. */
    public CrawlConfig.Builder sessionHeaders(List<Map<String, String>> value) {
        return set(RequestSettings.SESSION_HEADERS, value);
    }
}
