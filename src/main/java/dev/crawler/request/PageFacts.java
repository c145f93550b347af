package dev.crawler.request;

import static java.util.Objects.requireNonNull;

/**
 * What a crawl state keeps of a fetched page, so that a recrawl whose fetch answers 304 Not
 * Modified still records what the unchanged page is. Immutable.
 *
 * @param title the page's title
 * @param contentType its {@code Content-Type}
 * @param links how many links it had
 */
public record PageFacts(String title, String contentType, int links) {
    /** Validates the fields. */
    public PageFacts {
        requireNonNull(title, "title");
        requireNonNull(contentType, "contentType");
        if (links < 0) throw new IllegalArgumentException("links < 0: " + links);
    }
}
