package dev.crawler.extract;

/**
 * The user's code for a fetched HTML page: reads it through {@link Page}, emits items, follows
 * links. Runs on the fetcher thread that fetched the page (a virtual thread), so many pages are
 * handled at once: a handler must be thread-safe with respect to anything it shares; the {@code
 * Page} itself is confined to the call. A handler that throws fails that page's extraction only:
 * the page is recorded with the error and the crawl goes on.
 */
@FunctionalInterface
public interface PageHandler {
    /** Handles one page. */
    void handle(Page page) throws Exception;
}
