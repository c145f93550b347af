package dev.crawler.engine;

import dev.crawler.request.CrawlRequest;
import java.net.URI;

/**
 * An item on the bounded hand-off queue: something to fetch, or the signal for a fetcher to stop.
 */
sealed interface Work {
    /** A URL of the crawl to fetch. */
    record Fetch(CrawlRequest request) implements Work {}

    /** A host's robots.txt to fetch for the frontier. */
    record Robots(String hostKey, URI robotsUrl) implements Work {}

    /** Tells the fetcher that takes it to end. One is sent per fetcher at shutdown. */
    enum Stop implements Work {
        INSTANCE
    }
}
