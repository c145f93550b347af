package dev.crawler.request;

import static java.util.Objects.requireNonNull;

import dev.crawler.seed.RequestBody;
import java.util.Map;
import java.util.Optional;

/**
 * What a followed link carries into its request: the label that picks its handler, its priority and
 * the user's data. Immutable.
 *
 * @param label the label, or empty for the default handler
 * @param priority higher is fetched sooner
 * @param userData the user's data, copied
 */
public record LinkTag(
        Optional<String> label,
        int priority,
        Map<String, String> userData,
        Map<String, String> headers,
        Optional<RequestBody> body) {
    /** A link followed by default: no label, priority 0, no data. */
    public static final LinkTag NONE = new LinkTag(Optional.empty(), 0, Map.of());

    /** Copies the data; the headers are checked as the crawl's are (restricted names refused). */
    public LinkTag {
        requireNonNull(label, "label");
        userData = Map.copyOf(userData);
        headers = dev.crawler.config.RequestHeaders.checked(headers, "headers of a followed link");
        requireNonNull(body, "body");
    }

    /** A tag without headers of its own. */
    public LinkTag(Optional<String> label, int priority, Map<String, String> userData) {
        this(label, priority, userData, Map.of(), Optional.empty());
    }

    /** A link for the handler of {@code label}, priority 0, no data. */
    public static LinkTag label(String label) {
        return new LinkTag(Optional.of(label), 0, Map.of());
    }

    /** This tag with another priority (higher is fetched sooner). */
    public LinkTag withPriority(int value) {
        return new LinkTag(label, value, userData, headers, body);
    }

    /** This tag with the user's data, which the request carries to its handler. */
    public LinkTag withUserData(Map<String, String> value) {
        return new LinkTag(label, priority, value, headers, body);
    }

    /**
     * This tag with headers the request sends (an {@code Accept} for an API, a {@code Referer}),
     * after the crawl's and the host's, replacing them by name.
     */
    public LinkTag withHeaders(Map<String, String> value) {
        return new LinkTag(label, priority, userData, value, body);
    }

    /**
     * This tag for a {@code POST} of {@code value} ({@link RequestBody#form}, {@link
     * RequestBody#json}); deduplicated on its URL and body together.
     */
    public LinkTag withBody(RequestBody value) {
        return new LinkTag(label, priority, userData, headers, Optional.of(value));
    }
}
