package dev.crawler.fetch;

import dev.crawler.request.CrawlRequest;

/**
 * Fetches one request. Implementations are thread-safe: one instance serves every fetcher thread.
 */
public interface Fetcher {
    /**
     * Fetches {@code request} as {@code spec} says, within the implementation's deadline. Failures
     * are results, not exceptions.
     *
     * @throws InterruptedException when the calling thread is interrupted (the crawl is cancelled)
     */
    FetchResult fetch(CrawlRequest request, FetchSpec spec) throws InterruptedException;
}
