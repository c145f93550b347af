package dev.crawler.cli;

import dev.crawler.config.ConfigException;
import dev.crawler.config.ConfigFile;
import dev.crawler.config.CrawlConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The crawl flags shared by {@code crawl} and {@code demo}: a configuration file, then flags that
 * override it. Unset flags leave the file's (or the default) value alone.
 */
final class CrawlOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration file (see config/crawler.yaml).")
    Optional<Path> configFile = Optional.empty();

    @Option(
            names = {"-w", "--workers"},
            paramLabel = "N",
            description = "Fetchers, each on a virtual thread (default 5).")
    Optional<Integer> workers = Optional.empty();

    @Option(
            names = "--max-workers",
            paramLabel = "N",
            description =
                    "Let the fetchers scale from --workers up to N with the work (default 0:"
                            + " fixed).")
    Optional<Integer> maxWorkers = Optional.empty();

    @Option(
            names = "--queue-capacity",
            paramLabel = "N",
            description = "Capacity of the bounded hand-off queue (default 100).")
    Optional<Integer> queueCapacity = Optional.empty();

    @Option(
            names = "--rate",
            paramLabel = "R",
            description = "At most R requests in any sliding second; 0 = no cap (default).")
    Optional<Double> rate = Optional.empty();

    @Option(
            names = "--max-pages",
            paramLabel = "N",
            description = "Admit at most N URLs; 0 = no limit (default).")
    Optional<Long> maxPages = Optional.empty();

    @Option(
            names = "--max-depth",
            paramLabel = "N",
            description = "Follow links at most N hops from a seed (default 5).")
    Optional<Integer> maxDepth = Optional.empty();

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            description = "Tries per URL before it fails (default 3).")
    Optional<Integer> maxAttempts = Optional.empty();

    @Option(
            names = "--fetch-timeout",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Total deadline per fetch, body included (default 30s).")
    Optional<Duration> fetchTimeout = Optional.empty();

    @Option(names = "--user-agent", paramLabel = "UA", description = "User-Agent header.")
    Optional<String> userAgent = Optional.empty();

    @Option(
            names = "--include",
            paramLabel = "REGEX",
            description = "Follow only links matching one of these (repeatable).")
    List<String> include = List.of();

    @Option(
            names = "--exclude",
            paramLabel = "REGEX",
            description = "Never follow links matching these (repeatable).")
    List<String> exclude = List.of();

    @Option(
            names = "--host-concurrency",
            paramLabel = "N",
            description = "Most requests in flight to one host (default 2).")
    Optional<Integer> hostConcurrency = Optional.empty();

    @Option(
            names = "--host-delay",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Least time between requests to one host (default 250ms; 0 for your own site).")
    Optional<Duration> hostDelay = Optional.empty();

    @Option(
            names = "--frontier",
            paramLabel = "URL",
            description =
                    "Share the crawl's frontier through Redis (redis://HOST:PORT/DB): every"
                            + " process given the same URL and --crawl-name works on one crawl.")
    Optional<String> frontier = Optional.empty();

    @Option(
            names = "--crawl-name",
            paramLabel = "NAME",
            description = "Names the shared crawl in Redis (default: default).")
    Optional<String> crawlName = Optional.empty();

    @Option(
            names = "--lease-time",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How long a process holds a URL of a shared crawl without renewing it; a dead"
                            + " process's URLs return after it (default 30s).")
    Optional<Duration> leaseTime = Optional.empty();

    @Option(
            names = "--extract",
            paramLabel = "RULES",
            description =
                    "Extract items from pages with the rules in this YAML file (see"
                            + " config/rules.example.yaml).")
    Optional<String> extract = Optional.empty();

    @Option(
            names = "--items",
            paramLabel = "FILE",
            description =
                    "Write extracted items here: .csv for CSV, anything else JSON Lines; '-' for"
                            + " standard output.")
    Optional<String> items = Optional.empty();

    @Option(
            names = "--header",
            paramLabel = "'NAME: VALUE'",
            description = "Send this header with every request (repeatable).")
    List<String> header = List.of();

    @Option(
            names = "--proxy",
            paramLabel = "URL",
            description =
                    "Send every request through this HTTP proxy: http://[USER:PASS@]HOST:PORT.")
    Optional<String> proxy = Optional.empty();

    @Option(names = "--no-cookies", description = "Keep no cookies (kept by default).")
    boolean noCookies;

    @Option(
            names = "--cookies",
            paramLabel = "FILE",
            description =
                    "Start with the cookies of this Netscape cookies.txt (a browser's or curl's"
                            + " export), to crawl as a logged-in user.")
    Optional<String> cookiesFile = Optional.empty();

    @Option(
            names = "--ignore-robots",
            description = "Do not fetch or obey robots.txt. Only for crawling sites you own.")
    boolean ignoreRobots;

    @Option(
            names = "--any-host",
            description = "Follow links to any host, not only the seeds' hosts.")
    boolean anyHost;

    /** The {@code --header} flags as a mapping, in order. */
    private java.util.Map<String, String> headers() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String h : header) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--header '" + h + "' must be 'NAME: VALUE'");
            }
            out.put(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
        }
        return out;
    }

    /**
     * The effective configuration: defaults, then the file, then the flags.
     *
     * @throws ConfigException naming the bad key or flag
     */
    CrawlConfig toConfig() throws ConfigException {
        return toConfig(CrawlConfig.builder());
    }

    /**
     * The effective configuration over other defaults (the demo's): {@code base}, then the file,
     * then the flags.
     */
    CrawlConfig toConfig(CrawlConfig.Builder base) throws ConfigException {
        CrawlConfig.Builder b =
                configFile.isPresent() ? ConfigFile.load(configFile.get(), base) : base;
        try {
            workers.ifPresent(b::workers);
            maxWorkers.ifPresent(b::maxWorkers);
            frontier.ifPresent(b::frontier);
            crawlName.ifPresent(b::crawlName);
            leaseTime.ifPresent(b::leaseTime);
            extract.ifPresent(b::extract);
            if (!header.isEmpty()) {
                b.headers(headers());
            }
            proxy.ifPresent(b::proxy);
            cookiesFile.ifPresent(b::cookiesFile);
            if (noCookies) {
                b.cookies(false);
            }
            items.ifPresent(b::items);
            queueCapacity.ifPresent(b::queueCapacity);
            rate.ifPresent(b::maxRequestsPerSecond);
            maxPages.ifPresent(b::maxPages);
            maxDepth.ifPresent(b::maxDepth);
            maxAttempts.ifPresent(b::maxAttempts);
            fetchTimeout.ifPresent(b::fetchTimeout);
            userAgent.ifPresent(b::userAgent);
            if (!include.isEmpty()) {
                b.include(include);
            }
            if (!exclude.isEmpty()) {
                b.exclude(exclude);
            }
            hostConcurrency.ifPresent(b::hostConcurrency);
            hostDelay.ifPresent(b::hostDelay);
            if (ignoreRobots) {
                b.respectRobots(false);
            }
            if (anyHost) {
                b.sameHost(false);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid option: " + e.getMessage(), e);
        }
    }
}
