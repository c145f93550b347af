package dev.crawler.fetch;

/** Kinds of fetch failure that left no usable response. */
public enum FetchError {
    /** The total fetch deadline passed (headers or body too slow). */
    TIMEOUT(true),
    /** The connection could not be opened in time. */
    CONNECT_TIMEOUT(true),
    /** The connection was refused or the host could not be reached. */
    CONNECT(true),
    /** The connection broke: reset, closed early, malformed response. */
    IO(true),
    /** The TLS handshake or session failed. */
    TLS(true),
    /** The host name did not resolve. */
    UNKNOWN_HOST(true),
    /** More redirect hops than allowed, or a redirect loop. */
    TOO_MANY_REDIRECTS(false),
    /** A redirect to a URL that cannot be fetched (bad {@code Location}, other scheme). */
    BAD_REDIRECT(false),
    /** A body in a content coding we did not ask for and cannot decode. */
    UNSUPPORTED_ENCODING(false),
    /** A body that inflates far beyond its compressed size. */
    COMPRESSION_BOMB(false),
    /** The host resolves to an address the SSRF guard refuses. */
    BLOCKED_ADDRESS(false),
    /** A URL the HTTP client refuses to send. */
    INVALID_REQUEST(false);

    private final boolean transientFailure;

    FetchError(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Whether trying again later may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
