package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.RobotsGate;
import dev.crawler.frontier.RobotsOutcome;
import dev.crawler.frontier.Task;
import dev.crawler.politeness.HostDelay;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Outcome;
import java.net.URI;
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
    final HostDelay delay;
    int maxConcurrency;

    /** Its robots.txt, as this process knows it. */
    final RobotsGate robots;

    /** Claimed URLs held while the host's robots.txt is fetched; they go back to the queue. */
    final List<CrawlRequest> awaitingRobots = new ArrayList<>();

    HostState(URI robotsUrl, CrawlConfig config) {
        this.robots = new RobotsGate(robotsUrl, true);
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
        Optional<String> gaveUp = robots.gaveUp();
        if (gaveUp.isPresent()) {
            return Optional.of(new Task.Drop(request, Outcome.FAILED, gaveUp.get()));
        }
        if (robots.known(nowNanos)) {
            return Optional.of(
                    robots.allows(request.url())
                            ? new Task.Fetch(request)
                            : new Task.Drop(request, Outcome.SKIPPED, "disallowed by robots.txt"));
        }
        awaitingRobots.add(request);
        return robots.fetching() ? Optional.empty() : Optional.of(robots.start(hostKey));
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
        RobotsGate.Learned learned =
                robots.resolve(outcome, config.politeness(), config.retry(), nowNanos);
        learned.crawlDelay()
                .ifPresent(
                        d -> {
                            delay.raiseFloor(d);
                            maxConcurrency = 1;
                        });
        long hold =
                Math.max(learned.backoffNanos(), delay.update(feedback, maxConcurrency, nowNanos));
        List<CrawlRequest> waiting = List.copyOf(awaitingRobots);
        awaitingRobots.clear();
        return new Resolved(
                waiting,
                hold,
                delay.currentNanos(),
                maxConcurrency,
                robots.robotsUrl(),
                learned.sitemaps());
    }
}
