package dev.crawler.frontier;

import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Outcome;
import java.net.URI;

/** What the frontier hands out next. */
public sealed interface Task {
    /** Fetch this request; the host's politeness slot is taken until {@code release}. */
    record Fetch(CrawlRequest request) implements Task {}

    /**
     * Fetch the robots.txt of {@code hostKey} and report it with {@code robotsResolved}; the host's
     * URLs wait until then.
     */
    record FetchRobots(String hostKey, URI robotsUrl) implements Task {}

    /**
     * Record {@code request} as final without fetching it (disallowed by robots.txt, or its host's
     * robots.txt could not be had).
     */
    record Drop(CrawlRequest request, Outcome outcome, String reason) implements Task {}
}
