package dev.crawler.frontier;

import static java.util.Objects.requireNonNull;

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
public record LinkTag(Optional<String> label, int priority, Map<String, String> userData) {
    /** A link followed by default: no label, priority 0, no data. */
    public static final LinkTag NONE = new LinkTag(Optional.empty(), 0, Map.of());

    /** Copies the data. */
    public LinkTag {
        requireNonNull(label, "label");
        userData = Map.copyOf(userData);
    }

    /** A link for the handler of {@code label}, priority 0, no data. */
    public static LinkTag label(String label) {
        return new LinkTag(Optional.of(label), 0, Map.of());
    }

    /** This tag with another priority (higher is fetched sooner). */
    public LinkTag withPriority(int value) {
        return new LinkTag(label, value, userData);
    }

    /** This tag with the user's data, which the request carries to its handler. */
    public LinkTag withUserData(Map<String, String> value) {
        return new LinkTag(label, priority, value);
    }
}
