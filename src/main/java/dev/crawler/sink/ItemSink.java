package dev.crawler.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where scraped {@link Item}s go, beside the page records of {@link CrawlSink}. Items are delivered
 * from the fetcher threads that ran the handlers, before their page's record: a sink must be
 * thread-safe. Closed once when the crawl ends.
 *
 * <pre>{@code
 * Crawler.builder().items(ItemSink.jsonLines(Path.of("books.jsonl")))
 * }</pre>
 */
@FunctionalInterface
public interface ItemSink extends AutoCloseable {
    /** Takes one item. */
    void accept(Item item);

    /** Flushes and releases what the sink holds; by default nothing. */
    @Override
    default void close() {}

    /**
     * Ends the output of a run that failed, instead of {@link #close()}: the built-in file sinks
     * leave a new file as {@code FILE.part} and an existing {@code FILE} untouched. By default,
     * closes.
     *
     * @return where the partial output is, when there is one
     */
    default Optional<Path> abandon() {
        close();
        return Optional.empty();
    }

    /**
     * A JSON Lines file, one item per line: written as {@code path.part}, which replaces {@code
     * path} when the crawl ends (an existing file survives a failed run).
     *
     * @throws IOException when the file cannot be created
     */
    static ItemSink jsonLines(Path path) throws IOException {
        return new JsonLinesItemSink(LineFile.create(path));
    }

    /** JSON Lines to a stream (standard output), flushed per item and left open. */
    static ItemSink jsonLines(OutputStream stream) {
        return new JsonLinesItemSink(LineFile.stream(stream));
    }

    /**
     * The JSON Lines file of a crawl resumed from its state folder: first cleaned of a torn last
     * line and of the items of pages the state does not hold as final (they will be fetched and
     * extracted again), then appended to, an item at a time, so each page's items are in the file
     * exactly once.
     */
    static ItemSink jsonLinesResuming(Path path, Predicate<String> isFinal) throws IOException {
        return new JsonLinesItemSink(LineFile.resume(path, LineFile.jsonLines(isFinal)));
    }

    /**
     * A CSV file (RFC 4180): a header {@code type,url,} then {@code columns}; each item a row, its
     * fields under their column (a list as a JSON array, a missing field empty). With no columns,
     * the first item's fields are the columns.
     *
     * @throws IOException when the file cannot be created
     */
    static ItemSink csv(Path path, List<String> columns) throws IOException {
        return CsvItemSink.create(path, columns);
    }

    /** CSV to a stream (standard output), flushed per item and left open. */
    static ItemSink csv(OutputStream stream, List<String> columns) {
        return CsvItemSink.stream(stream, columns);
    }

    /** The CSV file of a resumed crawl, cleaned as {@link #jsonLinesResuming} does. */
    static ItemSink csvResuming(Path path, List<String> columns, Predicate<String> isFinal)
            throws IOException {
        return CsvItemSink.resume(path, columns, isFinal);
    }
}
