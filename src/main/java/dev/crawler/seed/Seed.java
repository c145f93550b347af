package dev.crawler.seed;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A seed URL with what travels with it: a priority, a depth limit of its own, the label that picks
 * its handler, the user's data, and the group (submission) it belongs to. Immutable; the {@code
 * with} methods return copies.
 *
 * <pre>{@code
 * Seed.of("https://shop.example/catalogue/").label("LIST").priority(5)
 * }</pre>
 *
 * @param url the URL as given (validated and normalized at admission)
 * @param priority higher is fetched sooner; 0 by default
 * @param depthLimit the most link hops from this seed, or -1 for the crawl's {@code max-depth}
 * @param label the label, or empty for the default handler
 * @param userData the user's data, copied
 * @param group the group every request reached from this seed keeps; empty for none
 * @param headers headers the seed's request sends, after the crawl's and the host's
 * @param body the body of a {@code POST} seed; empty for a {@code GET}
 */
public record Seed(
        String url,
        int priority,
        int depthLimit,
        Optional<String> label,
        Map<String, String> userData,
        String group,
        Map<String, String> headers,
        Optional<RequestBody> body) {
    /** Validates the fields and copies the data; the headers are checked as the crawl's are. */
    public Seed {
        requireNonNull(url, "url");
        requireNonNull(label, "label");
        userData = Map.copyOf(userData);
        requireNonNull(group, "group");
        headers = dev.crawler.config.RequestHeaders.checked(headers, "headers of " + url);
        requireNonNull(body, "body");
        if (depthLimit < -1) throw new IllegalArgumentException("depthLimit < -1: " + depthLimit);
    }

    /** A seed with priority 0, no depth limit of its own, no label and no data. */
    public static Seed of(String url) {
        return new Seed(url, 0, -1, Optional.empty(), Map.of(), "", Map.of(), Optional.empty());
    }

    /** This seed with another priority. */
    public Seed priority(int value) {
        return new Seed(url, value, depthLimit, label, userData, group, headers, body);
    }

    /** This seed with its own depth limit (-1: the crawl's). */
    public Seed depthLimit(int value) {
        return new Seed(url, priority, value, label, userData, group, headers, body);
    }

    /** This seed with a label, which routes its page to the handler of that label. */
    public Seed label(String value) {
        return new Seed(
                url, priority, depthLimit, Optional.of(value), userData, group, headers, body);
    }

    /** This seed with the user's data. */
    public Seed userData(Map<String, String> value) {
        return new Seed(url, priority, depthLimit, label, value, group, headers, body);
    }

    /** This seed in a group. */
    public Seed group(String value) {
        return new Seed(url, priority, depthLimit, label, userData, value, headers, body);
    }

    /** This seed with headers its request sends (replacing the crawl's of the same name). */
    public Seed headers(Map<String, String> value) {
        return new Seed(url, priority, depthLimit, label, userData, group, value, body);
    }

    /** This seed as a {@code POST} of {@code value} ({@link RequestBody#form}, a JSON body). */
    public Seed post(RequestBody value) {
        return new Seed(
                url, priority, depthLimit, label, userData, group, headers, Optional.of(value));
    }
}
