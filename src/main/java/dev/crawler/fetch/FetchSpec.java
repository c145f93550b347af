package dev.crawler.fetch;

import java.util.Optional;

/**
 * What a fetch accepts: which content types have their body downloaded, whether redirects are
 * followed inside the fetch, and the body size cap.
 *
 * @param anyContentType download any 2xx body (robots.txt, sitemaps); otherwise only HTML
 * @param followRedirects follow redirects within the fetch (robots.txt); otherwise a redirect is
 *     returned as {@link FetchResult.Redirect} for the frontier to vet
 * @param maxBytes most body bytes kept, after decoding
 * @param lease the work item's share of the crawl's {@link ByteBudget}, grown as the body arrives;
 *     none for small fixed-size fetches (robots.txt)
 */
public record FetchSpec(
        boolean anyContentType,
        boolean followRedirects,
        long maxBytes,
        Optional<ByteBudget.Lease> lease) {
    /** Validates the cap. */
    public FetchSpec {
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
    }

    /** A spec that holds no lease. */
    public FetchSpec(boolean anyContentType, boolean followRedirects, long maxBytes) {
        this(anyContentType, followRedirects, maxBytes, Optional.empty());
    }

    /** This spec, with the body's bytes counted against {@code lease}. */
    public FetchSpec withLease(ByteBudget.Lease lease) {
        return new FetchSpec(anyContentType, followRedirects, maxBytes, Optional.of(lease));
    }

    /** A page: HTML only, redirects returned, up to {@code maxBytes}. */
    public static FetchSpec page(long maxBytes) {
        return new FetchSpec(false, false, maxBytes);
    }

    /** A sitemap: any content type, redirects returned, up to {@code maxBytes}. */
    public static FetchSpec sitemap(long maxBytes) {
        return new FetchSpec(true, false, maxBytes);
    }

    /**
     * A robots.txt: any content type, redirects followed (RFC 9309 asks for at least five hops), at
     * most 500 KiB (the least the RFC says to parse).
     */
    public static FetchSpec robots() {
        return new FetchSpec(true, true, 500 * 1024);
    }
}
