package dev.crawler.frontier;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * One URL to fetch, in normalized form, with where it came from and which try this is. Immutable.
 *
 * @param url the normalized URL
 * @param depth link hops from the seed; seeds have depth 0, and a redirect keeps the depth
 * @param attempt which try this is, starting at 1
 * @param parent the page the link was found on (or the URL that redirected here, or the sitemap
 *     that listed it); empty for seeds
 * @param kind what the URL is expected to hold: a page, or a sitemap
 * @param redirects redirect hops that led here from the originally linked URL
 * @param priority higher is fetched sooner (default 0); a link found on a page starts at 0, a
 *     redirect target, sitemap entry or retry keeps the priority of its request
 * @param depthLimit the most link hops from its seed this request's links may go, or -1 for the
 *     crawl's {@code max-depth} only (a submission's own limit; links inherit it)
 * @param validators what an earlier fetch of this URL answered ({@code ETag}, {@code
 *     Last-Modified}), sent as conditional request headers on a recrawl; none for a new URL
 */
public record CrawlRequest(
        URI url,
        int depth,
        int attempt,
        Optional<URI> parent,
        Kind kind,
        int redirects,
        int priority,
        int depthLimit,
        Completion.Validators validators) {

    /** What a request is fetched for. */
    public enum Kind {
        /** A page: HTML is parsed for links. */
        PAGE,
        /** A sitemap or sitemap index: its entries are offered to the frontier. */
        SITEMAP
    }

    /** Validates the fields. */
    public CrawlRequest {
        requireNonNull(url, "url");
        requireNonNull(parent, "parent");
        requireNonNull(kind, "kind");
        requireNonNull(validators, "validators");
        if (depth < 0) throw new IllegalArgumentException("depth < 0: " + depth);
        if (attempt < 1) throw new IllegalArgumentException("attempt < 1: " + attempt);
        if (redirects < 0) throw new IllegalArgumentException("redirects < 0: " + redirects);
    }

    /** A seed page: depth 0, first attempt, no parent. */
    public static CrawlRequest seed(URI url) {
        return new CrawlRequest(
                url, 0, 1, Optional.empty(), Kind.PAGE, 0, 0, -1, Completion.Validators.NONE);
    }

    /** A seed of the given kind. */
    public static CrawlRequest seed(URI url, Kind kind) {
        return new CrawlRequest(
                url, 0, 1, Optional.empty(), kind, 0, 0, -1, Completion.Validators.NONE);
    }

    /** A link found on this request's page: one hop deeper. */
    public CrawlRequest child(URI link) {
        return new CrawlRequest(
                link,
                depth + 1,
                1,
                Optional.of(url),
                Kind.PAGE,
                0,
                0,
                depthLimit,
                Completion.Validators.NONE);
    }

    /** The target of this request's redirect: same depth and kind, one more hop. */
    public CrawlRequest redirectTo(URI target) {
        return new CrawlRequest(
                target,
                depth,
                1,
                Optional.of(url),
                kind,
                redirects + 1,
                priority,
                depthLimit,
                Completion.Validators.NONE);
    }

    /** An entry of this sitemap: a page, or (for an index) another sitemap, at the same depth. */
    public CrawlRequest entry(URI entry, Kind entryKind) {
        return new CrawlRequest(
                entry,
                depth,
                1,
                Optional.of(url),
                entryKind,
                0,
                priority,
                depthLimit,
                Completion.Validators.NONE);
    }

    /** The same URL, for its next try. */
    public CrawlRequest nextAttempt() {
        return new CrawlRequest(
                url, depth, attempt + 1, parent, kind, redirects, priority, depthLimit, validators);
    }

    /** The same request with another priority. */
    public CrawlRequest withPriority(int newPriority) {
        return new CrawlRequest(
                url, depth, attempt, parent, kind, redirects, newPriority, depthLimit, validators);
    }

    /** The same request with its own depth limit (-1: none beyond the crawl's). */
    public CrawlRequest withDepthLimit(int limit) {
        return new CrawlRequest(
                url, depth, attempt, parent, kind, redirects, priority, limit, validators);
    }

    /** Whether this request goes deeper than its own depth limit. */
    public boolean beyondDepthLimit() {
        return depthLimit >= 0 && depth > depthLimit;
    }
}
