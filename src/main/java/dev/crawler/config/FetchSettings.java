package dev.crawler.config;

import java.time.Duration;
import java.util.List;

/**
 * How one fetch goes: timeouts, the User-Agent, bounds on bodies and redirects. Each component is
 * the setting of the same name in {@code config/crawler.yaml}; the constants below are their rows
 * in the table of {@link Settings}. Immutable.
 */
public record FetchSettings(
        Duration connectTimeout,
        Duration fetchTimeout,
        String userAgent,
        long maxBodySize,
        int maxRedirects,
        int maxCompressionRatio) {

    static final Setting<Duration> CONNECT_TIMEOUT =
            Setting.of(
                    "connect-timeout",
                    Kinds.positive(),
                    Duration.ofSeconds(10),
                    c -> c.fetch().connectTimeout(),
                    CrawlConfig.Builder::connectTimeout,
                    """
                    Time allowed to open a connection.""");

    static final Setting<Duration> FETCH_TIMEOUT =
            Setting.of(
                    "fetch-timeout",
                    Kinds.positive(),
                    Duration.ofSeconds(30),
                    c -> c.fetch().fetchTimeout(),
                    CrawlConfig.Builder::fetchTimeout,
                    """
                    Total deadline for one fetch: connection, redirects, headers and the whole body.""");

    static final Setting<String> USER_AGENT =
            Setting.of(
                    "user-agent",
                    Kinds.matching("(?=.*\\S)[^\\x00-\\x1f\\x7f]+", "non-blank printable text"),
                    CrawlConfig.DEFAULT_USER_AGENT,
                    c -> c.fetch().userAgent(),
                    CrawlConfig.Builder::userAgent,
                    """
                    The User-Agent header sent with every request.""");

    static final Setting<Long> MAX_BODY_SIZE =
            Setting.of(
                    "max-body-size",
                    Kinds.size(1, CrawlConfig.MAX_BODY_SIZE_LIMIT),
                    10L << 20,
                    c -> c.fetch().maxBodySize(),
                    CrawlConfig.Builder::maxBodySize,
                    """
                    Most bytes of a body kept, after gzip/deflate decoding; longer bodies are cut \
                    (and marked so).""");

    static final Setting<Integer> MAX_REDIRECTS =
            Setting.of(
                    "max-redirects",
                    Kinds.integer(0, 50),
                    5,
                    c -> c.fetch().maxRedirects(),
                    CrawlConfig.Builder::maxRedirects,
                    """
                    Most redirect hops followed within one fetch; loops are detected sooner.""");

    static final Setting<Integer> MAX_COMPRESSION_RATIO =
            Setting.of(
                    "max-compression-ratio",
                    Kinds.integer(2, 100_000),
                    100,
                    c -> c.fetch().maxCompressionRatio(),
                    CrawlConfig.Builder::maxCompressionRatio,
                    """
                    Most bytes a gzip/deflate body may inflate to per compressed byte; more is a \
                    compression bomb and the fetch fails. Ordinary HTML compresses 3-10 times.""");

    /** This group's rows of the table, in the order of its components. */
    static final List<Setting<?>> SETTINGS =
            List.of(
                    CONNECT_TIMEOUT,
                    FETCH_TIMEOUT,
                    USER_AGENT,
                    MAX_BODY_SIZE,
                    MAX_REDIRECTS,
                    MAX_COMPRESSION_RATIO);

    /** Checks every value against its setting and normalizes it. */
    public FetchSettings {
        connectTimeout = CONNECT_TIMEOUT.checked(connectTimeout);
        fetchTimeout = FETCH_TIMEOUT.checked(fetchTimeout);
        userAgent = USER_AGENT.checked(userAgent);
        maxBodySize = MAX_BODY_SIZE.checked(maxBodySize);
        maxRedirects = MAX_REDIRECTS.checked(maxRedirects);
        maxCompressionRatio = MAX_COMPRESSION_RATIO.checked(maxCompressionRatio);
    }

    static FetchSettings from(CrawlConfig.Builder b) {
        return new FetchSettings(
                b.get(CONNECT_TIMEOUT),
                b.get(FETCH_TIMEOUT),
                b.get(USER_AGENT),
                b.get(MAX_BODY_SIZE),
                b.get(MAX_REDIRECTS),
                b.get(MAX_COMPRESSION_RATIO));
    }
}
