package dev.crawler.sink;

/**
 * Receives the final record of every admitted URL. The one interface behind every output: JSON
 * Lines, an embedder's database, a search index.
 *
 * <p>Implementations must be thread-safe: fetchers call {@link #accept} concurrently. An exception
 * thrown from {@code accept} stops the crawl (output that cannot be written is not silently lost).
 */
@FunctionalInterface
public interface CrawlSink extends AutoCloseable {
    /** Takes one final record. */
    void accept(CrawlResult result);

    /** Flushes and releases resources; called once, when the crawl ends. */
    @Override
    default void close() {}
}
