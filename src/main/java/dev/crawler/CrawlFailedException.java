package dev.crawler;

import static java.util.Objects.requireNonNull;

import java.io.Serial;

/**
 * A crawl that stopped because it could not go on: an output that cannot be written, a lost shared
 * frontier, a crawl state that cannot be written. Thrown by {@link Crawler#run()} (and completes
 * {@link Crawler#start()}'s future), so a failed crawl cannot be mistaken for a finished one; the
 * summary says what was done before, and its {@link CrawlSummary#error()} why it stopped.
 */
public final class CrawlFailedException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    /** The summary: not serialized with the exception. */
    private final transient CrawlSummary summary;

    /** For a summary that holds the crawl's error. */
    public CrawlFailedException(CrawlSummary summary) {
        super("the crawl failed: " + requireNonNull(summary, "summary").error().orElse("unknown"));
        this.summary = summary;
    }

    /** What the crawl did before it stopped; its ledger adds up. */
    public CrawlSummary summary() {
        return summary;
    }
}
