package dev.crawler.config;

import java.time.Duration;
import java.util.List;

/**
 * The settings of a crawl shared by many processes, and the command line's scraping outputs. Part
 * of the table of {@link Settings}.
 */
final class SharedSettings {
    private SharedSettings() {}

    static final Setting<String> FRONTIER =
            Setting.of(
                    "frontier",
                    Kinds.frontier(),
                    "",
                    CrawlConfig::frontier,
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
                    CrawlConfig::crawlName,
                    CrawlConfig.Builder::crawlName,
                    """
                    Names the shared crawl; processes with the same name share it.""");

    static final Setting<Duration> LEASE_TIME =
            Setting.of(
                    "lease-time",
                    Kinds.duration(Duration.ofSeconds(1)),
                    Duration.ofSeconds(30),
                    CrawlConfig::leaseTime,
                    CrawlConfig.Builder::leaseTime,
                    """
                    How long a process may hold a URL without renewing its lease (renewed every \
                    third of it); the URLs of a process that died go back to their host queues once \
                    their leases expire.""");

    static final Setting<String> EXTRACT =
            Setting.of(
                    "extract",
                    Kinds.optional("a rule file (YAML), empty for none"),
                    "",
                    CrawlConfig::extract,
                    CrawlConfig.Builder::extract,
                    """
                    A rule file (YAML) to extract items from pages with; see \
                    config/rules.example.yaml. Empty: none.""");

    static final Setting<String> ITEMS =
            Setting.of(
                    "items",
                    Kinds.optional(
                            "an items file (.csv for CSV, else JSON Lines; - for standard output), empty for none"),
                    "",
                    CrawlConfig::items,
                    CrawlConfig.Builder::items,
                    """
                    Where items go: a file ending in .csv is CSV, anything else JSON Lines; - is \
                    standard output. Empty: no items output (with extract set, the default is \
                    items.jsonl).""");

    static final Section SHARED =
            new Section("Many processes, one crawl", "", List.of(FRONTIER, CRAWL_NAME, LEASE_TIME));
    static final Section SCRAPING =
            new Section("Scraping (the command line)", "", List.of(EXTRACT, ITEMS));
}
