package dev.crawler.extract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.select.Evaluator;

/**
 * One rule of a rule file, compiled. Immutable and thread-safe.
 *
 * @param name the type of its items
 * @param urls the pages it applies to ({@code find()} on the URL); every page when empty
 * @param each one item per element matching this, fields relative to it; one item per page when
 *     empty
 * @param follow on pages it applies to, follow only the links inside elements matching these; empty
 *     when the rule does not restrict links
 * @param fields the item's fields, in order
 */
record Rule(
        String name,
        Optional<Pattern> urls,
        Optional<Evaluator> each,
        Optional<List<Evaluator>> follow,
        List<Field> fields) {
    /** Copies the lists. */
    Rule {
        requireNonNull(name, "name");
        requireNonNull(urls, "urls");
        requireNonNull(each, "each");
        follow = follow.map(List::copyOf);
        fields = List.copyOf(fields);
    }

    /** Whether the rule applies to the page at {@code url}. */
    boolean appliesTo(String url) {
        return urls.isEmpty() || urls.get().matcher(url).find();
    }
}
