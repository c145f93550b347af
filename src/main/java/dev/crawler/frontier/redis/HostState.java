package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.CrawlRequest;
import dev.crawler.frontier.Outcome;
import dev.crawler.frontier.RobotsOutcome;
import dev.crawler.frontier.Task;
import dev.crawler.politeness.HostDelay;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.politeness.RobotsRules;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one process knows of a host of a shared crawl, and the decisions that follow from it: its
 * robots.txt (each process fetches and keeps its own, as each Scrapy process does) and its adaptive
 * delay, which every release writes to the host's record in Redis for the next claim, whichever
 * process makes it. The host's queue, slots and next allowed time live in Redis.
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
                new HostDelay(
                        config.politeness().hostDelay(),
                        config.politeness().maxHostDelay(),
                        config.politeness().adaptiveDelay());
        this.maxConcurrency = config.politeness().hostConcurrency();
    }

    /**
     * What to do with a claimed URL of this host: fetch it, drop it (robots.txt), or hold it while
     * the host's robots.txt is fetched (a {@link Task.FetchRobots} the first time).
     *
     * @return the task, or empty when the URL waits for a robots.txt already being fetched
     */
    Optional<Task> handOut(CrawlRequest request, String hostKey, long nowNanos) {
        if (robots == Robots.GAVE_UP) {
            return Optional.of(new Task.Drop(request, Outcome.FAILED, gaveUpReason));
        }
        if (rulesKnown(nowNanos)) {
            return Optional.of(
                    allows(request.url())
                            ? new Task.Fetch(request)
                            : new Task.Drop(request, Outcome.SKIPPED, "disallowed by robots.txt"));
        }
        awaitingRobots.add(request);
        if (robots == Robots.FETCHING) {
            return Optional.empty();
        }
        robots = Robots.FETCHING;
        return Optional.of(new Task.FetchRobots(hostKey, robotsUrl));
    }

    /**
     * What a robots.txt fetch changed: the URLs that waited for it (they go back to the queue), how
     * long to hold the host off, its delay and concurrency now, and the sitemaps it names.
     */
    record Resolved(
            List<CrawlRequest> waiting,
            long holdNanos,
            long delayNanos,
            int maxConcurrency,
            URI robotsUrl,
            List<String> sitemaps) {}

    /** Takes the host's robots.txt outcome in: rules, a Crawl-delay, or a failure to back off. */
    Resolved resolve(
            RobotsOutcome outcome, HostFeedback feedback, CrawlConfig config, long nowNanos) {
        long backoff = 0;
        List<String> sitemaps = List.of();
        switch (outcome) {
            case RobotsOutcome.Known known -> {
                RobotsRules found = known.rules();
                robots = Robots.KNOWN;
                rules = Optional.of(found);
                rulesExpireNanos = nowNanos + config.politeness().robotsCacheTtl().toNanos();
                robotsFailures = 0;
                found.crawlDelay()
                        .ifPresent(
                                d -> {
                                    Duration cap = config.politeness().maxCrawlDelay();
                                    delay.raiseFloor(d.compareTo(cap) <= 0 ? d : cap);
                                    maxConcurrency = 1;
                                });
                if (config.politeness().followSitemaps()) {
                    sitemaps = found.sitemaps();
                }
            }
            case RobotsOutcome.Unavailable unavailable -> {
                robotsFailures++;
                if (robotsFailures >= config.retry().maxAttempts()) {
                    robots = Robots.GAVE_UP;
                    gaveUpReason =
                            "robots.txt unavailable: "
                                    + unavailable.reason()
                                    + " (after "
                                    + robotsFailures
                                    + " attempts)";
                } else {
                    robots = Robots.UNAVAILABLE;
                    backoff =
                            Math.min(
                                    config.retry().retryBaseDelay().toNanos()
                                            << Math.min(20, robotsFailures - 1),
                                    config.retry().retryMaxDelay().toNanos());
                }
            }
        }
        long hold = Math.max(backoff, delay.update(feedback, maxConcurrency, nowNanos));
        List<CrawlRequest> waiting = List.copyOf(awaitingRobots);
        awaitingRobots.clear();
        return new Resolved(
                waiting, hold, delay.currentNanos(), maxConcurrency, robotsUrl, sitemaps);
    }

    boolean rulesKnown(long nowNanos) {
        return robots == Robots.KNOWN && nowNanos - rulesExpireNanos < 0;
    }

    boolean allows(URI url) {
        return rules.map(r -> r.allows(url)).orElse(true);
    }
}
