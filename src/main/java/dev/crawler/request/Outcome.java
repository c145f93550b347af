package dev.crawler.request;

/** The final states of an admitted URL: every one ends in exactly one of them. */
public enum Outcome {
    /** Fetched and, when HTML, parsed. */
    FETCHED,
    /** Failed for good: a permanent error, or a transient one after the last attempt. */
    FAILED,
    /** Not fetched to the end, for a stated reason (non-HTML content, the crawl was cancelled). */
    SKIPPED
}
