package dev.crawler.config;

import java.time.Duration;

/** The settings of a shared frontier, rows of the table of {@link Settings}. */
final class SharedSettings {
    private SharedSettings() {}

    static final Setting<String> FRONTIER =
            Setting.of(
                    "frontier",
                    Kinds.frontier(),
                    "",
                    c -> c.frontier() instanceof FrontierChoice.Shared s ? s.url() : "",
                    CrawlConfig.Builder::frontier,
                    """
                    Where the frontier lives: empty for the embedded one, in this process. \
                    redis://HOST:PORT/DB (or redis-cluster://HOST:PORT): the frontier (seen-set, host queues, retries, leases, ledger) lives in Redis, and \
                    every process started with the same URL and crawl-name works on one crawl; see \
                    the README, "Many processes, one crawl".""");

    static final Setting<String> CRAWL_NAME =
            Setting.of(
                    "crawl-name",
                    Kinds.matching(
                            "[A-Za-z0-9._-]{1,64}", "1 to 64 letters, digits, '.', '_' or '-'"),
                    "default",
                    c ->
                            c.frontier() instanceof FrontierChoice.Shared s
                                    ? s.crawlName()
                                    : "default",
                    CrawlConfig.Builder::crawlName,
                    """
                    Names the shared crawl; processes with the same name share it.""");

    static final Setting<Duration> LEASE_TIME =
            Setting.of(
                    "lease-time",
                    Kinds.duration(Duration.ofSeconds(1)),
                    Duration.ofSeconds(30),
                    c ->
                            c.frontier() instanceof FrontierChoice.Shared s
                                    ? s.leaseTime()
                                    : Duration.ofSeconds(30),
                    CrawlConfig.Builder::leaseTime,
                    """
                    How long a process may hold a URL without renewing its lease (renewed every \
                    third of it); the URLs of a process that died go back to their host queues once \
                    their leases expire.""");

    /** The choice the three settings make: embedded when {@code frontier} is empty. */
    static FrontierChoice choice(CrawlConfig.Builder b) {
        String url = b.get(FRONTIER);
        return url.isEmpty()
                ? new FrontierChoice.Embedded()
                : new FrontierChoice.Shared(url, b.get(CRAWL_NAME), b.get(LEASE_TIME));
    }
}
