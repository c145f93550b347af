package dev.crawler.frontier;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.Permits;

/**
 * A frontier that many processes share (in Redis): one crawl, with one global rate limit. The Redis
 * client is loaded only by {@link #connect}, so a crawl that never asks for a shared frontier needs
 * no Redis library on its class path. Thread-safe.
 */
public interface SharedFrontier extends Frontier, AutoCloseable {
    /**
     * Connects to the shared frontier {@code config.frontier()} names.
     *
     * @throws IllegalStateException when it cannot be reached
     */
    static SharedFrontier connect(CrawlConfig config) {
        return dev.crawler.frontier.redis.RedisFrontier.connect(config);
    }

    /** The crawl's global rate limit, shared by every process: permits at this rate. */
    Permits sharedRateLimit(double requestsPerSecond);

    /** Closes the connection; the crawl's state stays in the store. */
    @Override
    void close();

    /** The crawl's cookies, as a {@code cookies.txt} text, as a process of it last kept them. */
    java.util.Optional<String> cookies();

    /** Keeps the crawl's cookies for the processes that join or resume it. */
    void keepCookies(String cookiesTxt);
}
