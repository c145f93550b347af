package dev.crawler.request;

import static java.util.Objects.requireNonNull;

import dev.crawler.seed.RequestBody;
import java.net.URI;
import java.util.Map;
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
 * @param label what kind of page the user expects here ({@code "DETAIL"}), which picks its handler;
 *     set by a seed or by the handler that followed the link, kept by redirects and retries; empty
 *     for a link followed by default
 * @param userData the user's data travelling with the request, set like the label
 * @param group the submission (or other group) the request belongs to; every request reached from
 *     it keeps it; empty when there is none
 * @param headers headers of this request alone, sent after the crawl's and the host's (replacing
 *     them by name); kept by its retries and by a redirect to the same host, not by its links
 * @param body the body of a {@code POST}; empty for a {@code GET}. A redirect is followed with a
 *     {@code GET}, as browsers do after a form; a {@code 307} or {@code 308} keeps the body
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
        Completion.Validators validators,
        Optional<String> label,
        Map<String, String> userData,
        String group,
        Map<String, String> headers,
        Optional<RequestBody> body) {

    /** What a request is fetched for. */
    public enum Kind {
        /** A page: HTML is parsed for links. */
        PAGE,
        /** A sitemap or sitemap index: its entries are offered to the frontier. */
        SITEMAP
    }

    /** Validates the fields and copies the user data. */
    public CrawlRequest {
        requireNonNull(url, "url");
        requireNonNull(parent, "parent");
        requireNonNull(kind, "kind");
        requireNonNull(validators, "validators");
        requireNonNull(label, "label");
        userData = Map.copyOf(userData);
        for (String key : userData.keySet()) {
            if (key.isEmpty() || key.chars().anyMatch(c -> c == '=' || c < 0x20)) {
                throw new IllegalArgumentException(
                        "a user data key must be non-empty, without '=' or control characters: '"
                                + key
                                + "'");
            }
        }
        requireNonNull(group, "group");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body");
        if (depth < 0) throw new IllegalArgumentException("depth < 0: " + depth);
        if (attempt < 1) throw new IllegalArgumentException("attempt < 1: " + attempt);
        if (redirects < 0) throw new IllegalArgumentException("redirects < 0: " + redirects);
    }

    /** A request without label, user data or group (the fields most requests have). */
    public CrawlRequest(
            URI url,
            int depth,
            int attempt,
            Optional<URI> parent,
            Kind kind,
            int redirects,
            int priority,
            int depthLimit,
            Completion.Validators validators) {
        this(
                url,
                depth,
                attempt,
                parent,
                kind,
                redirects,
                priority,
                depthLimit,
                validators,
                Optional.empty(),
                Map.of(),
                "",
                Map.of(),
                Optional.empty());
    }

    /** A seed page: depth 0, first attempt, no parent. */
    public static CrawlRequest seed(URI url) {
        return seed(url, Kind.PAGE);
    }

    /** A seed of the given kind. */
    public static CrawlRequest seed(URI url, Kind kind) {
        return new CrawlRequest(
                url, 0, 1, Optional.empty(), kind, 0, 0, -1, Completion.Validators.NONE);
    }

    /** A link found on this request's page, followed by default: one hop deeper. */
    public CrawlRequest child(URI link) {
        return child(link, LinkTag.NONE);
    }

    /** A link found on this request's page, with the label, priority and data it is given. */
    public CrawlRequest child(URI link, LinkTag tag) {
        return fresh(link, depth + 1, Optional.of(url), Kind.PAGE, 0, tag);
    }

    /**
     * The target of this request's redirect: same depth, kind, label and data, one more hop; its
     * own headers go along only to the same host (never an {@code Authorization} to another).
     */
    public CrawlRequest redirectTo(URI target) {
        boolean sameHost =
                target.getHost() != null && target.getHost().equalsIgnoreCase(url.getHost());
        // followed with a GET, as browsers do after a form
        LinkTag same =
                new LinkTag(
                        label, priority, userData, sameHost ? headers : Map.of(), Optional.empty());
        return fresh(target, depth, Optional.of(url), kind, redirects + 1, same);
    }

    /**
     * An entry of this sitemap: a page one hop deeper (as a link is from its page, so that {@code
     * max-depth} holds for what sitemaps list), or, for an index, another sitemap at the same
     * depth.
     */
    public CrawlRequest entry(URI entry, Kind entryKind) {
        int d = entryKind == Kind.PAGE ? depth + 1 : depth;
        return fresh(entry, d, Optional.of(url), entryKind, 0, LinkTag.NONE.withPriority(priority));
    }

    /**
     * The robots.txt of this request's host ({@code robotsUrl}), as the origin of the sitemaps it
     * names: at this request's depth, with its depth limit and group, so that a submission's {@code
     * maxDepth} (or {@code max-depth}) holds for what those sitemaps list.
     */
    public CrawlRequest robotsOrigin(URI robotsUrl) {
        return fresh(
                robotsUrl,
                depth,
                Optional.empty(),
                Kind.PAGE,
                0,
                LinkTag.NONE.withPriority(priority));
    }

    /** A first try of {@code target} reached from this request: in its group, under its limit. */
    private CrawlRequest fresh(
            URI target, int newDepth, Optional<URI> from, Kind k, int hops, LinkTag tag) {
        return new CrawlRequest(
                target,
                newDepth,
                1,
                from,
                k,
                hops,
                tag.priority(),
                depthLimit,
                Completion.Validators.NONE,
                tag.label(),
                tag.userData(),
                group,
                tag.headers(),
                tag.body());
    }

    /** The same URL, for its next try. */
    public CrawlRequest nextAttempt() {
        return with(attempt + 1, priority, depthLimit, validators);
    }

    /** The same request as its {@code n}th try. */
    public CrawlRequest withAttempt(int n) {
        return with(n, priority, depthLimit, validators);
    }

    /** The same request with another priority. */
    public CrawlRequest withPriority(int newPriority) {
        return with(attempt, newPriority, depthLimit, validators);
    }

    /** The same request with its own depth limit (-1: none beyond the crawl's). */
    public CrawlRequest withDepthLimit(int limit) {
        return with(attempt, priority, limit, validators);
    }

    /** The same request with the validators of an earlier fetch. */
    public CrawlRequest withValidators(Completion.Validators value) {
        return with(attempt, priority, depthLimit, value);
    }

    /** The same request with a label, user data and group. */
    public CrawlRequest withTags(Optional<String> newLabel, Map<String, String> data, String grp) {
        return new CrawlRequest(
                url,
                depth,
                attempt,
                parent,
                kind,
                redirects,
                priority,
                depthLimit,
                validators,
                newLabel,
                data,
                grp,
                headers,
                body);
    }

    /** The same request with headers of its own. */
    public CrawlRequest withHeaders(Map<String, String> value) {
        return new CrawlRequest(
                url,
                depth,
                attempt,
                parent,
                kind,
                redirects,
                priority,
                depthLimit,
                validators,
                label,
                userData,
                group,
                value,
                body);
    }

    /** The same request as a {@code POST} of {@code value} (empty: a {@code GET}). */
    public CrawlRequest withBody(Optional<RequestBody> value) {
        return new CrawlRequest(
                url,
                depth,
                attempt,
                parent,
                kind,
                redirects,
                priority,
                depthLimit,
                validators,
                label,
                userData,
                group,
                headers,
                value);
    }

    /** {@code GET} or {@code POST}. */
    public String method() {
        return body.isPresent() ? "POST" : "GET";
    }

    /**
     * What the crawl deduplicates on: the URL of a {@code GET}; for a {@code POST}, the URL with
     * the method and a digest of the body, so that two forms posted to one URL are two requests.
     */
    public String key() {
        return body.isEmpty() ? url.toString() : url + " POST " + body.get().digest();
    }

    private CrawlRequest with(int att, int prio, int limit, Completion.Validators vals) {
        return new CrawlRequest(
                url, depth, att, parent, kind, redirects, prio, limit, vals, label, userData, group,
                headers, body);
    }

    /** Whether this request goes deeper than its own depth limit. */
    public boolean beyondDepthLimit() {
        return depthLimit >= 0 && depth > depthLimit;
    }
}
