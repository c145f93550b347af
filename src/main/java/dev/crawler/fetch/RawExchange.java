package dev.crawler.fetch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request and its response as exchanged, for archives (WARC) and body storage: the headers
 * we sent, the status and headers we got, the body as received (still content-encoded) and as
 * decoded. Immutable by contract: the arrays are not copied, so do not modify them.
 *
 * @param url the URL requested
 * @param date when the request was sent
 * @param httpVersion {@code HTTP/1.1} or {@code HTTP/2}
 * @param requestHeaders the headers we sent
 * @param status the response status
 * @param responseHeaders the response headers
 * @param rawBody the body as received, before gzip/deflate decoding (possibly cut at the cap)
 * @param body the decoded body (possibly cut at the cap)
 * @param truncated whether the body was cut at the cap
 * @param session the session the exchange went through
 */
public record RawExchange(
        URI url,
        Instant date,
        String httpVersion,
        Map<String, List<String>> requestHeaders,
        int status,
        Map<String, List<String>> responseHeaders,
        byte[] rawBody,
        byte[] body,
        boolean truncated,
        SessionRef session) {
    /**
     * Validates the fields and copies the header maps, in their order: a request's as it was sent
     * ({@code Host} first), a response's as the client gave it.
     */
    public RawExchange {
        requireNonNull(url, "url");
        requireNonNull(date, "date");
        requireNonNull(httpVersion, "httpVersion");
        requestHeaders = ordered(requestHeaders);
        responseHeaders = ordered(responseHeaders);
        requireNonNull(rawBody, "rawBody");
        requireNonNull(body, "body");
        requireNonNull(session, "session");
    }

    /** An unmodifiable copy that keeps the order (Map.copyOf's varies from one JVM to the next). */
    private static Map<String, List<String>> ordered(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(requireNonNull(name), List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
