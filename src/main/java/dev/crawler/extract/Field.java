package dev.crawler.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;

/**
 * One field of a rule, compiled once from the rule file: where its value comes from, whether it
 * takes the first match or all, an optional regular expression, and whether an item needs it.
 * Immutable and thread-safe.
 *
 * @param name the field's name in the item
 * @param source where the value is read
 * @param all every match as a list, instead of the first match
 * @param regex applied to each value: its first group (the whole match without a group); a value it
 *     does not match is no match
 * @param required an item without a value for this field is not emitted
 */
record Field(String name, Source source, boolean all, Optional<Pattern> regex, boolean required) {
    /** Attributes that hold URLs: their values are made absolute. */
    private static final Set<String> URL_ATTRIBUTES =
            Set.of(
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "data",
                    "poster",
                    "cite",
                    "background",
                    "longdesc",
                    "usemap",
                    "manifest",
                    "codebase");

    /** {@code <meta>} elements with content, compiled once. */
    private static final Evaluator META = org.jsoup.select.QueryParser.parse("meta[content]");

    /** Where a field's value is read. */
    sealed interface Source {}

    /** What is taken of a matching element. */
    sealed interface Pick {
        /** All descendant text, whitespace collapsed ({@code Element.text()}). */
        record Text() implements Pick {}

        /** The element's own text, without its children's. */
        record Own() implements Pick {}

        /** The inner HTML. */
        record Html() implements Pick {}

        /** An attribute; URL attributes made absolute. */
        record Attr(String name) implements Pick {}
    }

    /** A CSS selector, empty for the scope element itself. */
    record Css(String selector, Optional<Evaluator> evaluator, Pick pick) implements Source {}

    /** An XPath expression selecting elements (jsoup's {@code selectXpath}). */
    record XPath(String expression, Pick pick) implements Source {}

    /** A dot path into the first JSON-LD object of a {@code @type}. */
    record JsonLdPath(String type, List<String> path) implements Source {}

    /** The {@code content} of {@code <meta property|name|itemprop=NAME>}. */
    record Meta(String name) implements Source {}

    /** The value in {@code scope}: a string, a JSON value, null, or (for {@code all}) a list. */
    Object value(Element scope, PageContext page) {
        List<Object> raw = raw(scope, page);
        List<Object> out = new ArrayList<>(raw.size());
        for (Object v : raw) {
            Object kept = regex.isPresent() ? match(regex.get(), v) : v;
            if (kept != null) {
                out.add(kept);
                if (!all) break;
            }
        }
        if (all) {
            return Collections.unmodifiableList(out);
        }
        return out.isEmpty() ? null : out.get(0);
    }

    /** Whether {@code value} counts as no match. */
    static boolean missing(Object value) {
        return value == null || (value instanceof List<?> l && l.isEmpty());
    }

    private static Object match(Pattern p, Object value) {
        String s = value instanceof JsonNode n ? n.asText() : value.toString();
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() >= 1 ? m.group(1) : m.group();
    }

    /** Candidate values in order; only the first is needed unless {@code all} or a regex. */
    private List<Object> raw(Element scope, PageContext page) {
        boolean many = all || regex.isPresent();
        return switch (source) {
            case Css css -> {
                Elements matches =
                        css.evaluator().isEmpty()
                                ? new Elements(scope)
                                : many || css.pick() instanceof Pick.Attr
                                        ? scope.select(css.evaluator().get())
                                        : first(scope.selectFirst(css.evaluator().get()));
                yield picked(matches, css.pick(), page);
            }
            case XPath x -> picked(scope.selectXpath(x.expression()), x.pick(), page);
            case JsonLdPath j ->
                    new ArrayList<>(
                            JsonLd.find(page.jsonLd(), j.type(), j.path(), many).stream()
                                    .map(Field::scalar)
                                    .toList());
            case Meta m -> {
                List<Object> out = new ArrayList<>();
                for (Element e : scope.select(META)) {
                    if (m.name().equalsIgnoreCase(e.attr("property"))
                            || m.name().equalsIgnoreCase(e.attr("name"))
                            || m.name().equalsIgnoreCase(e.attr("itemprop"))) {
                        out.add(e.attr("content"));
                    }
                }
                yield out;
            }
        };
    }

    private static Elements first(Element e) {
        return e == null ? new Elements() : new Elements(e);
    }

    private static Object scalar(JsonNode n) {
        return n.isValueNode() ? n.asText() : n;
    }

    private static List<Object> picked(Elements matches, Pick pick, PageContext page) {
        List<Object> out = new ArrayList<>(matches.size());
        for (Element e : matches) {
            switch (pick) {
                case Pick.Text t -> out.add(e.text());
                case Pick.Own o -> out.add(e.ownText());
                case Pick.Html h -> out.add(e.html());
                case Pick.Attr a -> {
                    if (e.hasAttr(a.name())) {
                        String v = e.attr(a.name());
                        out.add(
                                URL_ATTRIBUTES.contains(a.name().toLowerCase(java.util.Locale.ROOT))
                                        ? page.absolute(e, a.name(), v)
                                        : v);
                    }
                }
            }
        }
        return out;
    }
}
