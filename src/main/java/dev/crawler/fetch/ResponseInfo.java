package dev.crawler.fetch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * What an HTTP response said, without its body. Immutable.
 *
 * @param finalUrl the URL that answered, after redirects
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header, or an empty string when absent
 * @param bytes body bytes kept, after decoding
 * @param elapsed time from the first request to the end of the body
 * @param redirects redirect hops followed
 */
public record ResponseInfo(
        URI finalUrl, int status, String contentType, long bytes, Duration elapsed, int redirects) {
    /** Validates the fields. */
    public ResponseInfo {
        requireNonNull(finalUrl, "finalUrl");
        requireNonNull(contentType, "contentType");
        requireNonNull(elapsed, "elapsed");
    }

    /** A response that took from {@code startNanos} ({@link System#nanoTime()}) until now. */
    static ResponseInfo since(
            URI finalUrl,
            int status,
            String contentType,
            long bytes,
            int redirects,
            long startNanos) {
        return new ResponseInfo(
                finalUrl,
                status,
                contentType,
                bytes,
                java.time.Duration.ofNanos(System.nanoTime() - startNanos),
                redirects);
    }
}
