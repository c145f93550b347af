package dev.crawler.fetch;

import dev.crawler.request.CrawlRequest;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one fetch produced. Handle it with an exhaustive {@code switch}; there is no null and no
 * status flag to forget.
 */
public sealed interface FetchResult {
    /** The request this result answers. */
    CrawlRequest request();

    /**
     * A 2xx response with a body we wanted (HTML, or anything for robots.txt and sitemaps), read up
     * to the size cap.
     *
     * @param robotsTags values of the {@code X-Robots-Tag} header, if any
     * @param exchange the request and response as exchanged, for archives
     */
    record Page(
            CrawlRequest request,
            ResponseInfo info,
            byte[] body,
            Optional<Charset> charset,
            boolean truncated,
            List<String> robotsTags,
            RawExchange exchange)
            implements FetchResult {
        /** Copies the list. */
        public Page {
            robotsTags = List.copyOf(robotsTags);
        }
    }

    /**
     * A 304 answer to a conditional request (a recrawl sent the validators of the last fetch): the
     * page has not changed, and there is nothing to download or parse.
     */
    record NotModified(CrawlRequest request, ResponseInfo info) implements FetchResult {}

    /** A 2xx response whose content type is not HTML; its body was not downloaded. */
    record NotHtml(CrawlRequest request, ResponseInfo info) implements FetchResult {}

    /**
     * A redirect, not followed: the frontier vets the target (scope, duplicates, robots.txt,
     * politeness) like any other URL.
     *
     * @param location the {@code Location}, resolved against the request URL
     */
    record Redirect(CrawlRequest request, ResponseInfo info, String location)
            implements FetchResult {}

    /**
     * A response with an error status (4xx, 5xx, or a 3xx that cannot be followed).
     *
     * @param retryAfter the server's {@code Retry-After}, when it sent a valid one
     */
    record HttpError(CrawlRequest request, ResponseInfo info, Optional<Duration> retryAfter)
            implements FetchResult {}

    /** No usable response: timeout, connection failure, redirect loop, ... */
    record Error(CrawlRequest request, FetchError kind, String message, Duration elapsed)
            implements FetchResult {}

    /** The rate limiter gave no permit in time; the request was not sent. */
    record Throttled(CrawlRequest request) implements FetchResult {}
}
