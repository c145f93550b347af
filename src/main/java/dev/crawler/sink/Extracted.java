package dev.crawler.sink;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What extraction made of a fetched page, for its record. Immutable.
 *
 * @param items items emitted per type (a rule's name), zero for a rule that applied and found none
 * @param errors problems: a handler's exception, items dropped for a missing required field
 * @param handled whether a handler ran on the page
 */
public record Extracted(Map<String, Integer> items, List<String> errors, boolean handled) {
    /** No handler ran on the page. */
    public static final Extracted NONE = new Extracted(Map.of(), List.of(), false);

    /** Copies the collections; the counts keep their order. */
    public Extracted {
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
        errors = List.copyOf(errors);
    }
}
