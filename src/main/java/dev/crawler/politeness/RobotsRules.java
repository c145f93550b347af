package dev.crawler.politeness;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The robots.txt rules of one host for our user-agent token, as parsed by crawler-commons.
 * Immutable after construction (the wrapped rules are never changed), so safe to share.
 */
public final class RobotsRules {
    private final BaseRobotRules rules;
    private final Optional<Duration> crawlDelay;
    private final List<String> sitemaps;

    RobotsRules(BaseRobotRules rules) {
        this.rules = rules;
        long delay = rules.getCrawlDelay();
        this.crawlDelay =
                delay == BaseRobotRules.UNSET_CRAWL_DELAY || delay < 0
                        ? Optional.empty()
                        : Optional.of(Duration.ofMillis(delay));
        this.sitemaps = List.copyOf(rules.getSitemaps());
    }

    /** Rules that allow everything: robots.txt missing (4xx), or robots handling turned off. */
    public static RobotsRules allowAll() {
        return new RobotsRules(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL));
    }

    /** Whether our agent may fetch {@code url}. */
    public boolean allows(URI url) {
        return rules.isAllowed(url.toString());
    }

    /** The {@code Crawl-delay} for our agent, when one is given. */
    public Optional<Duration> crawlDelay() {
        return crawlDelay;
    }

    /** The {@code Sitemap:} URLs, in file order. */
    public List<String> sitemaps() {
        return sitemaps;
    }
}
