package dev.crawler.config;

import java.time.Duration;

/**
 * Where the crawl's frontier lives: embedded in this process (in memory, or in RocksDB with a state
 * folder), or shared through Redis by every process that names the same crawl. Its settings ({@code
 * frontier}, {@code crawl-name}, {@code lease-time}) are rows of the table of {@link Settings}.
 */
public sealed interface FrontierChoice {
    /** The frontier in this process (the default). */
    record Embedded() implements FrontierChoice {}

    /**
     * A frontier in Redis, shared with every process given the same URL and crawl name.
     *
     * @param url {@code redis://HOST:PORT/DB}, {@code rediss://...} or {@code
     *     redis-cluster://HOST:PORT}
     * @param crawlName names the shared crawl in Redis
     * @param leaseTime how long a process may hold a URL of the crawl without renewing its lease
     */
    record Shared(String url, String crawlName, Duration leaseTime) implements FrontierChoice {
        /** Checks each value against its setting. */
        public Shared {
            url = SharedSettings.FRONTIER.checked(url);
            if (url.isEmpty()) {
                throw new IllegalArgumentException("frontier: a shared frontier needs a URL");
            }
            crawlName = SharedSettings.CRAWL_NAME.checked(crawlName);
            leaseTime = SharedSettings.LEASE_TIME.checked(leaseTime);
        }
    }
}
