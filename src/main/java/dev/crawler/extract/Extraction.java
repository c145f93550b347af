package dev.crawler.extract;

import static java.util.Objects.requireNonNull;

import dev.crawler.request.LinkTag;
import dev.crawler.sink.Item;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the handlers did with one page. Immutable.
 *
 * @param items the items emitted, in order
 * @param follows the links followed explicitly, grouped by what they carry, in order
 * @param skipLinks whether the page's own links are not followed
 * @param counts items per type (a rule's name), with zero for a rule that applied and found none
 * @param errors problems with the page's extraction (a handler's exception, a missing required
 *     field), for its record
 * @param handled whether a handler ran on the page (a route, the default handler, a rule)
 * @param handlerFailed whether a handler threw
 * @param retireSession whether a handler said the page shows its session is blocked
 */
public record Extraction(
        List<Item> items,
        List<Follow> follows,
        boolean skipLinks,
        Map<String, Integer> counts,
        List<String> errors,
        boolean handled,
        boolean handlerFailed,
        boolean retireSession) {
    /** No handler ran: the page's links are followed as usual. */
    public static final Extraction NONE =
            new Extraction(List.of(), List.of(), false, Map.of(), List.of(), false, false, false);

    /** Copies the collections (the counts keep their order). */
    public Extraction {
        items = List.copyOf(items);
        follows = List.copyOf(follows);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        errors = List.copyOf(errors);
    }

    /** Links a handler followed, all with the same label, priority and data. */
    public record Follow(List<String> urls, LinkTag tag) {
        /** Copies the list. */
        public Follow {
            urls = List.copyOf(urls);
            requireNonNull(tag, "tag");
        }
    }
}
