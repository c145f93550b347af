package dev.crawler.sink;

import static java.util.Objects.requireNonNull;

import dev.crawler.request.CrawlRequest;
import java.net.URI;

/**
 * One piece of data scraped from a page: written as {@code {"type": ..., "url": ..., "data":
 * {...}}}. Immutable when its data is (a record, or the unmodifiable map a rule builds).
 *
 * @param type what the item is ({@code "book"}): a rule's name, or what the handler said
 * @param request the request of the page it came from (its URL, label, user data, group)
 * @param data the fields: a {@code Map} or any object Jackson serializes (a record, a bean)
 */
public record Item(String type, CrawlRequest request, Object data) {
    /** Validates the fields. */
    public Item {
        requireNonNull(type, "type");
        requireNonNull(request, "request");
        requireNonNull(data, "data");
    }

    /** The URL of the page it came from, as requested. */
    public URI url() {
        return request.url();
    }
}
