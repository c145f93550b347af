package dev.crawler.url;

/** Why a URL was not admitted to the crawl. Not a final state: a rejected URL never entered. */
public enum Rejection {
    /** Not a URL that can be parsed, or without a host. */
    MALFORMED("malformed"),
    /** A scheme other than http and https ({@code mailto:}, {@code javascript:}, ...). */
    UNSUPPORTED_SCHEME("unsupported-scheme"),
    /** On a host other than the seeds' while the crawl keeps to the seeds' hosts. */
    OFF_HOST("off-host"),
    /** Matches no include pattern, or matches an exclude pattern. */
    FILTERED("filtered"),
    /** Further from its seed than the maximum depth. */
    TOO_DEEP("too-deep"),
    /** Longer than the maximum URL length. */
    TOO_LONG("too-long"),
    /** A path segment repeats more often than allowed: a likely crawler trap. */
    REPEATING_PATH("repeating-path"),
    /** The host's page budget (max pages per host) is used up. */
    HOST_BUDGET("host-budget"),
    /** Already admitted, in the same normalized form. */
    DUPLICATE("duplicate"),
    /** The page budget (max pages) is used up. */
    OVER_BUDGET("over-budget"),
    /** The crawl is shutting down. */
    CLOSED("closed");

    private final String label;

    Rejection(String label) {
        this.label = label;
    }

    /** A short, stable, kebab-case name, as shown in summaries. */
    public String label() {
        return label;
    }
}
