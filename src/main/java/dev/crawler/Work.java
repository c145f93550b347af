package dev.crawler;

import dev.crawler.frontier.CrawlRequest;

/**
 * An item on the bounded hand-off queue: a request to fetch, or the signal for a fetcher to stop.
 */
sealed interface Work {
    /** A request to fetch. */
    record Fetch(CrawlRequest request) implements Work {}

    /** Tells the fetcher that takes it to end. One is sent per fetcher at shutdown. */
    enum Stop implements Work {
        INSTANCE
    }
}
