package dev.crawler.politeness;

import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Parses robots.txt (RFC 9309) with crawler-commons' {@link SimpleRobotRulesParser}, for one
 * product token. Thread-safe: a fresh parser is used per call (the crawler-commons parser keeps a
 * warning counter).
 */
public final class RobotsParser {
    /**
     * Crawl-delay values up to this are passed through; crawler-commons would turn a longer one
     * into "disallow all", so we cap delays ourselves instead ({@code max-crawl-delay}).
     */
    private static final long PARSER_MAX_CRAWL_DELAY_MS = 365L * 24 * 3600 * 1000;

    private final List<String> agentNames;

    /** A parser for {@code agent}, e.g. {@code jvm-crawler}. */
    public RobotsParser(String agent) {
        this.agentNames = List.of(agent.toLowerCase(Locale.ROOT));
    }

    /**
     * Parses a robots.txt body fetched from {@code robotsUrl}. Never fails: bad lines are ignored.
     */
    public RobotsRules parse(URI robotsUrl, byte[] body, String contentType) {
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser(PARSER_MAX_CRAWL_DELAY_MS, 10);
        return new RobotsRules(
                parser.parseContent(
                        robotsUrl.toString(),
                        body,
                        contentType.isEmpty() ? "text/plain" : contentType,
                        agentNames));
    }
}
