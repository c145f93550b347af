package dev.crawler.config;

import java.time.Duration;
import java.util.List;

/**
 * The settings of politeness towards each host, and of the guards against traps and hostile
 * servers. Part of the table of {@link Settings}.
 */
final class PolitenessSettings {
    private PolitenessSettings() {}

    static final Setting<Integer> HOST_CONCURRENCY =
            Setting.of(
                    "host-concurrency",
                    Kinds.integer(1, 100_000),
                    2,
                    CrawlConfig::hostConcurrency,
                    CrawlConfig.Builder::hostConcurrency,
                    """
                    Most requests in flight to one host at once. A robots.txt Crawl-delay makes it 1 \
                    for that host.""");

    static final Setting<Duration> HOST_DELAY =
            Setting.of(
                    "host-delay",
                    Kinds.duration(Duration.ZERO),
                    Duration.ofMillis(250),
                    CrawlConfig::hostDelay,
                    CrawlConfig.Builder::hostDelay,
                    """
                    Least time between two requests to one host, and after each of its responses. \
                    Set 0s only for sites you own (the demo does). Crawl-delay and adaptive slowdown \
                    can raise it, never lower it.""");

    static final Setting<Boolean> RESPECT_ROBOTS =
            Setting.of(
                    "respect-robots",
                    Kinds.bool(),
                    true,
                    CrawlConfig::respectRobots,
                    CrawlConfig.Builder::respectRobots,
                    """
                    Fetch and obey robots.txt (RFC 9309): once per host, cached, Crawl-delay \
                    honoured, disallowed URLs recorded as skipped. Turn it off (--ignore-robots) \
                    only for crawling your own sites.""");

    static final Setting<String> ROBOTS_AGENT =
            Setting.of(
                    "robots-agent",
                    Kinds.matching("[A-Za-z_-]+", "a product token (letters, '-' and '_')"),
                    CrawlConfig.DEFAULT_ROBOTS_AGENT,
                    CrawlConfig::robotsAgent,
                    CrawlConfig.Builder::robotsAgent,
                    """
                    The product token matched against the User-agent lines of robots.txt.""");

    static final Setting<Duration> MAX_CRAWL_DELAY =
            Setting.of(
                    "max-crawl-delay",
                    Kinds.duration(Duration.ZERO),
                    Duration.ofSeconds(30),
                    CrawlConfig::maxCrawlDelay,
                    CrawlConfig.Builder::maxCrawlDelay,
                    """
                    Highest robots.txt Crawl-delay honoured; a longer one is capped to this.""");

    static final Setting<Duration> ROBOTS_CACHE_TTL =
            Setting.of(
                    "robots-cache-ttl",
                    Kinds.positive(),
                    Duration.ofHours(24),
                    CrawlConfig::robotsCacheTtl,
                    CrawlConfig.Builder::robotsCacheTtl,
                    """
                    How long a host's robots.txt rules are kept before they are fetched again.""");

    static final Setting<Boolean> FOLLOW_SITEMAPS =
            Setting.of(
                    "follow-sitemaps",
                    Kinds.bool(),
                    true,
                    CrawlConfig::followSitemaps,
                    CrawlConfig.Builder::followSitemaps,
                    """
                    Follow the Sitemap: lines of robots.txt (sitemap indexes, XML, gzipped XML and \
                    text sitemaps).""");

    static final Setting<Long> MAX_SITEMAP_SIZE =
            Setting.of(
                    "max-sitemap-size",
                    Kinds.size(1, CrawlConfig.MAX_BODY_SIZE_LIMIT),
                    50L << 20,
                    CrawlConfig::maxSitemapSize,
                    CrawlConfig.Builder::maxSitemapSize,
                    """
                    Most bytes of one sitemap, after decompression (the sitemaps protocol allows 50 \
                    MB).""");

    static final Setting<Boolean> ADAPTIVE_DELAY =
            Setting.of(
                    "adaptive-delay",
                    Kinds.bool(),
                    true,
                    CrawlConfig::adaptiveDelay,
                    CrawlConfig.Builder::adaptiveDelay,
                    """
                    Let each host's delay follow its latency (like Scrapy's AutoThrottle): slower \
                    answers, longer delay; healthy answers bring it back down slowly. Slowing down \
                    on 429 and 503 (never sooner than Retry-After) is always on.""");

    static final Setting<Duration> MAX_HOST_DELAY =
            Setting.of(
                    "max-host-delay",
                    Kinds.positive(),
                    Duration.ofSeconds(60),
                    CrawlConfig::maxHostDelay,
                    CrawlConfig.Builder::maxHostDelay,
                    """
                    Ceiling of a host's delay, however it grows.""");

    static final Setting<Boolean> STRIP_SESSION_IDS =
            Setting.of(
                    "strip-session-ids",
                    Kinds.bool(),
                    true,
                    CrawlConfig::stripSessionIds,
                    CrawlConfig.Builder::stripSessionIds,
                    """
                    Remove common session-id parameters (jsessionid, PHPSESSID, sid, ...) so that \
                    the same page does not look new with every session. Query parameters are always \
                    sorted (crawler-commons' normalizer).""");

    static final Setting<Integer> MAX_URL_LENGTH =
            Setting.of(
                    "max-url-length",
                    Kinds.integer(16, 65_536),
                    2048,
                    CrawlConfig::maxUrlLength,
                    CrawlConfig.Builder::maxUrlLength,
                    """
                    Longest URL admitted, in characters.""");

    static final Setting<Integer> MAX_SEGMENT_REPEATS =
            Setting.of(
                    "max-segment-repeats",
                    Kinds.integer(1, 1_000),
                    3,
                    CrawlConfig::maxSegmentRepeats,
                    CrawlConfig.Builder::maxSegmentRepeats,
                    """
                    Most times one path segment may occur in a path; more is a trap like /a/a/a/... \
                    or /x/y/x/y/x/y.""");

    static final Setting<Long> MAX_PAGES_PER_HOST =
            Setting.of(
                    "max-pages-per-host",
                    Kinds.count(0, Long.MAX_VALUE),
                    0L,
                    CrawlConfig::maxPagesPerHost,
                    CrawlConfig.Builder::maxPagesPerHost,
                    """
                    Most URLs admitted per host (against infinite calendars and other generated \
                    pages); 0 = no limit.""");

    static final Setting<Integer> MAX_LINKS_PER_PAGE =
            Setting.of(
                    "max-links-per-page",
                    Kinds.integer(1, 1_000_000),
                    5_000,
                    CrawlConfig::maxLinksPerPage,
                    CrawlConfig.Builder::maxLinksPerPage,
                    """
                    Most links taken from one page (crawler4j's maxOutgoingLinksToFollow); the rest \
                    are not read, so a trap page of a million links costs neither memory nor hours. \
                    Links past the first 100 of a page queue behind the host's other work, so one \
                    page's flood never starves the rest of its site.""");

    static final Setting<Integer> MAX_COMPRESSION_RATIO =
            Setting.of(
                    "max-compression-ratio",
                    Kinds.integer(2, 100_000),
                    100,
                    CrawlConfig::maxCompressionRatio,
                    CrawlConfig.Builder::maxCompressionRatio,
                    """
                    Most bytes a gzip/deflate body may inflate to per compressed byte; more is a \
                    compression bomb and the fetch fails. Ordinary HTML compresses 3-10 times.""");

    static final Setting<Boolean> SSRF_GUARD =
            Setting.of(
                    "ssrf-guard",
                    Kinds.bool(),
                    true,
                    CrawlConfig::ssrfGuard,
                    CrawlConfig.Builder::ssrfGuard,
                    """
                    Refuse URLs on hosts other than the seeds' when they resolve to loopback, \
                    private (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10), link-local \
                    (169.254/16, including cloud metadata addresses), multicast or unspecified \
                    addresses; checked on every redirect hop too, since each hop is fetched as its \
                    own URL. Seeds you give explicitly may be on such addresses.""");

    static final Section POLITENESS =
            new Section(
                    "Politeness",
                    "A \"host\" here is an origin: scheme, host name and port, as robots.txt is.",
                    List.of(
                            HOST_CONCURRENCY,
                            HOST_DELAY,
                            RESPECT_ROBOTS,
                            ROBOTS_AGENT,
                            MAX_CRAWL_DELAY,
                            ROBOTS_CACHE_TTL,
                            FOLLOW_SITEMAPS,
                            MAX_SITEMAP_SIZE,
                            ADAPTIVE_DELAY,
                            MAX_HOST_DELAY,
                            STRIP_SESSION_IDS));
    static final Section TRAPS =
            new Section(
                    "Traps and hostile servers",
                    "",
                    List.of(
                            MAX_URL_LENGTH,
                            MAX_SEGMENT_REPEATS,
                            MAX_PAGES_PER_HOST,
                            MAX_LINKS_PER_PAGE,
                            MAX_COMPRESSION_RATIO,
                            SSRF_GUARD));
}
