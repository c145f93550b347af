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
            paramLabel = "N")
    Optional<Integer> workers = Optional.empty();

    @Option(names = "--max-workers", paramLabel = "N")
    Optional<Integer> maxWorkers = Optional.empty();

    @Option(names = "--queue-capacity", paramLabel = "N")
    Optional<Integer> queueCapacity = Optional.empty();

    @Option(names = "--rate", paramLabel = "R")
    Optional<Double> rate = Optional.empty();

    @Option(names = "--max-pages", paramLabel = "N")
    Optional<Long> maxPages = Optional.empty();

    @Option(names = "--max-depth", paramLabel = "N")
    Optional<Integer> maxDepth = Optional.empty();

    @Option(names = "--max-attempts", paramLabel = "N")
    Optional<Integer> maxAttempts = Optional.empty();

    @Option(names = "--fetch-timeout", converter = DurationConverter.class, paramLabel = "DURATION")
    Optional<Duration> fetchTimeout = Optional.empty();

    @Option(names = "--user-agent", paramLabel = "UA")
    Optional<String> userAgent = Optional.empty();

    @Option(names = "--include", paramLabel = "REGEX")
    List<String> include = List.of();

    @Option(names = "--exclude", paramLabel = "REGEX")
    List<String> exclude = List.of();

    @Option(names = "--host-concurrency", paramLabel = "N")
    Optional<Integer> hostConcurrency = Optional.empty();

    @Option(names = "--host-delay", paramLabel = "DURATION", converter = DurationConverter.class)
    Optional<Duration> hostDelay = Optional.empty();

    @Option(names = "--frontier", paramLabel = "URL")
    Optional<String> frontier = Optional.empty();

    @Option(names = "--crawl-name", paramLabel = "NAME")
    Optional<String> crawlName = Optional.empty();

    @Option(names = "--lease-time", paramLabel = "DURATION", converter = DurationConverter.class)
    Optional<Duration> leaseTime = Optional.empty();

    @Option(names = "--extract", paramLabel = "RULES")
    Optional<String> extract = Optional.empty();

    @Option(names = "--items", paramLabel = "FILE")
    Optional<String> items = Optional.empty();

    @Option(
            names = "--header",
            paramLabel = "'NAME: VALUE'",
            description = "Send this header with every request (repeatable).")
    List<String> header = List.of();

    @Option(names = "--proxy", paramLabel = "URL")
    Optional<String> proxy = Optional.empty();

    @Option(names = "--no-cookies", description = "Keep no cookies (kept by default).")
    boolean noCookies;

    @Option(names = "--cookies", paramLabel = "FILE", descriptionKey = "cookies-file")
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
