package dev.crawler.request;

/** How a URL was found, which decides its depth and the scope checks it gets. */
public enum Via {
    /** A link on a page: one hop deeper, checked against depth, host and patterns. */
    LINK,
    /** A redirect's target: same depth, checked against host and patterns. */
    REDIRECT,
    /**
     * A {@code 307} or {@code 308} redirect's target: as {@link #REDIRECT}, but a {@code POST}
     * stays one, with its body (the other redirects are followed with a {@code GET}).
     */
    REDIRECT_SAME_METHOD,
    /** A page listed in a sitemap: one hop deeper than the sitemap, checked as a link is. */
    SITEMAP_ENTRY,
    /** A sitemap listed in a sitemap index or robots.txt: the same depth. */
    SITEMAP
}
