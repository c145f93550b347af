package dev.crawler.frontier;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * One URL to fetch, in normalized form, with where it came from and which try this is. Immutable.
 *
 * @param url the normalized URL
 * @param depth link hops from the seed; seeds have depth 0
 * @param attempt which try this is, starting at 1
 * @param parent the page the link was found on; empty for seeds
 */
public record CrawlRequest(URI url, int depth, int attempt, Optional<URI> parent) {
    /** Validates the fields. */
    public CrawlRequest {
        requireNonNull(url, "url");
        requireNonNull(parent, "parent");
        if (depth < 0) throw new IllegalArgumentException("depth < 0: " + depth);
        if (attempt < 1) throw new IllegalArgumentException("attempt < 1: " + attempt);
    }

    /** A seed: depth 0, first attempt, no parent. */
    public static CrawlRequest seed(URI url) {
        return new CrawlRequest(url, 0, 1, Optional.empty());
    }

    /** A link found on this request's page. */
    public CrawlRequest child(URI link) {
        return new CrawlRequest(link, depth + 1, 1, Optional.of(url));
    }

    /** The same URL, for its next try. */
    public CrawlRequest nextAttempt() {
        return new CrawlRequest(url, depth, attempt + 1, parent);
    }
}
