package dev.crawler.config;

import java.time.Duration;
import java.util.List;

/**
 * Politeness towards each host: concurrency, delays, robots.txt and its sitemaps. Each component is
 * the setting of the same name in {@code config/crawler.yaml}; the constants below are their rows
 * in the table of {@link Settings}. Immutable.
 */
public record PolitenessSettings(
        int hostConcurrency,
        Duration hostDelay,
        boolean respectRobots,
        String robotsAgent,
        Duration maxCrawlDelay,
        Duration robotsCacheTtl,
        boolean followSitemaps,
        long maxSitemapSize,
        boolean adaptiveDelay,
        Duration maxHostDelay) {

    static final Setting<Integer> HOST_CONCURRENCY =
            Setting.of(
                    "host-concurrency",
                    Kinds.integer(1, 100_000),
                    2,
                    c -> c.politeness().hostConcurrency(),
                    CrawlConfig.Builder::hostConcurrency,
                    """
                    Most requests in flight to one host at once. A robots.txt Crawl-delay makes it 1 \
                    for that host.""");

    static final Setting<Duration> HOST_DELAY =
            Setting.of(
                    "host-delay",
                    Kinds.duration(Duration.ZERO),
                    Duration.ofMillis(250),
                    c -> c.politeness().hostDelay(),
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
                    c -> c.politeness().respectRobots(),
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
                    c -> c.politeness().robotsAgent(),
                    CrawlConfig.Builder::robotsAgent,
                    """
                    The product token matched against the User-agent lines of robots.txt.""");

    static final Setting<Duration> MAX_CRAWL_DELAY =
            Setting.of(
                    "max-crawl-delay",
                    Kinds.duration(Duration.ZERO),
                    Duration.ofSeconds(30),
                    c -> c.politeness().maxCrawlDelay(),
                    CrawlConfig.Builder::maxCrawlDelay,
                    """
                    Highest robots.txt Crawl-delay honoured; a longer one is capped to this.""");

    static final Setting<Duration> ROBOTS_CACHE_TTL =
            Setting.of(
                    "robots-cache-ttl",
                    Kinds.positive(),
                    Duration.ofHours(24),
                    c -> c.politeness().robotsCacheTtl(),
                    CrawlConfig.Builder::robotsCacheTtl,
                    """
                    How long a host's robots.txt rules are kept before they are fetched again.""");

    static final Setting<Boolean> FOLLOW_SITEMAPS =
            Setting.of(
                    "follow-sitemaps",
                    Kinds.bool(),
                    true,
                    c -> c.politeness().followSitemaps(),
                    CrawlConfig.Builder::followSitemaps,
                    """
                    Follow the Sitemap: lines of robots.txt (sitemap indexes, XML, gzipped XML and \
                    text sitemaps).""");

    static final Setting<Long> MAX_SITEMAP_SIZE =
            Setting.of(
                    "max-sitemap-size",
                    Kinds.size(1, CrawlConfig.MAX_BODY_SIZE_LIMIT),
                    50L << 20,
                    c -> c.politeness().maxSitemapSize(),
                    CrawlConfig.Builder::maxSitemapSize,
                    """
                    Most bytes of one sitemap, after decompression (the sitemaps protocol allows 50 \
                    MB).""");

    static final Setting<Boolean> ADAPTIVE_DELAY =
            Setting.of(
                    "adaptive-delay",
                    Kinds.bool(),
                    true,
                    c -> c.politeness().adaptiveDelay(),
                    CrawlConfig.Builder::adaptiveDelay,
                    """
                    Slow a host down when it answers slower than it usually does: once its recent \
                    latency passes twice its usual one, its delay follows latency / concurrency, as \
                    Scrapy's AutoThrottle's does; healthy answers bring it back down slowly. A host \
                    that is fast, or far away but steady, is not slowed for its latency alone. \
                    Slowing down on 429 and 503 (never sooner than Retry-After) is always on.""");

    static final Setting<Duration> MAX_HOST_DELAY =
            Setting.of(
                    "max-host-delay",
                    Kinds.positive(),
                    Duration.ofSeconds(60),
                    c -> c.politeness().maxHostDelay(),
                    CrawlConfig.Builder::maxHostDelay,
                    """
                    Ceiling of a host's delay, however it grows.""");

    /** This group's rows of the table, in the order of its components. */
    static final List<Setting<?>> SETTINGS =
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
                    MAX_HOST_DELAY);

    /** Checks every value against its setting and normalizes it. */
    public PolitenessSettings {
        hostConcurrency = HOST_CONCURRENCY.checked(hostConcurrency);
        hostDelay = HOST_DELAY.checked(hostDelay);
        respectRobots = RESPECT_ROBOTS.checked(respectRobots);
        robotsAgent = ROBOTS_AGENT.checked(robotsAgent);
        maxCrawlDelay = MAX_CRAWL_DELAY.checked(maxCrawlDelay);
        robotsCacheTtl = ROBOTS_CACHE_TTL.checked(robotsCacheTtl);
        followSitemaps = FOLLOW_SITEMAPS.checked(followSitemaps);
        maxSitemapSize = MAX_SITEMAP_SIZE.checked(maxSitemapSize);
        adaptiveDelay = ADAPTIVE_DELAY.checked(adaptiveDelay);
        maxHostDelay = MAX_HOST_DELAY.checked(maxHostDelay);
        Units.requireAtLeast("max-host-delay", maxHostDelay, "host-delay", hostDelay);
    }

    static PolitenessSettings from(CrawlConfig.Builder b) {
        return new PolitenessSettings(
                b.get(HOST_CONCURRENCY),
                b.get(HOST_DELAY),
                b.get(RESPECT_ROBOTS),
                b.get(ROBOTS_AGENT),
                b.get(MAX_CRAWL_DELAY),
                b.get(ROBOTS_CACHE_TTL),
                b.get(FOLLOW_SITEMAPS),
                b.get(MAX_SITEMAP_SIZE),
                b.get(ADAPTIVE_DELAY),
                b.get(MAX_HOST_DELAY));
    }
}
