package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.CrawlRequest;
import dev.crawler.politeness.HostDelay;
import dev.crawler.politeness.RobotsRules;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one process knows of a host of a shared crawl: its robots.txt (each process fetches and
 * keeps its own, as each Scrapy process does) and its adaptive delay, which every release writes to
 * the host's record in Redis for the next claim, whichever process makes it. The host's queue,
 * slots and next allowed time live in Redis.
 *
 * <p>Not thread-safe: guarded by the frontier's lock.
 */
final class HostState {
    enum Robots {
        UNKNOWN,
        FETCHING,
        KNOWN,
        UNAVAILABLE,
        GAVE_UP
    }

    final URI robotsUrl;
    final HostDelay delay;
    int maxConcurrency;
    Robots robots = Robots.UNKNOWN;
    Optional<RobotsRules> rules = Optional.empty();
    long rulesExpireNanos;
    int robotsFailures;
    String gaveUpReason = "";

    /** Claimed URLs held while the host's robots.txt is fetched; they go back to the queue. */
    final List<CrawlRequest> awaitingRobots = new ArrayList<>();

    HostState(URI robotsUrl, CrawlConfig config) {
        this.robotsUrl = robotsUrl;
        this.delay =
                new HostDelay(config.hostDelay(), config.maxHostDelay(), config.adaptiveDelay());
        this.maxConcurrency = config.hostConcurrency();
    }

    boolean rulesKnown(long nowNanos) {
        return robots == Robots.KNOWN && nowNanos - rulesExpireNanos < 0;
    }

    boolean allows(URI url) {
        return rules.map(r -> r.allows(url)).orElse(true);
    }
}
