package dev.crawler.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crawler.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Compiles one field of a rule: a CSS selector with an optional pseudo-element, or a mapping with
 * exactly one of css, xpath, jsonld, meta and its options; refuses what could fail at crawl time,
 * naming where. Stateless and thread-safe.
 */
final class FieldParser {
    private static final List<String> FIELD_KEYS =
            List.of("css", "xpath", "jsonld", "meta", "attr", "all", "regex", "required");
    private static final Pattern PSEUDO = Pattern.compile("::([a-z]+)(?:\\(([^()]*)\\))?$");

    private FieldParser() {}

    static Field field(String name, JsonNode spec, String where) throws ConfigException {
        if (spec.isTextual()) {
            return new Field(
                    name,
                    cssSource(spec.asText(), Optional.empty(), where),
                    false,
                    Optional.empty(),
                    false);
        }
        if (!spec.isObject()) {
            throw new ConfigException(
                    where
                            + ": expected a CSS selector or a mapping (css, xpath, jsonld, meta, ...)");
        }
        for (Map.Entry<String, JsonNode> e : spec.properties()) {
            if (!FIELD_KEYS.contains(e.getKey())) {
                throw new ConfigException(
                        where
                                + ": unknown key '"
                                + e.getKey()
                                + "' (known: "
                                + String.join(", ", FIELD_KEYS)
                                + ")");
            }
        }
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("css", "xpath", "jsonld", "meta")) {
            if (spec.has(k)) kinds.add(k);
        }
        if (kinds.size() != 1) {
            throw new ConfigException(
                    where
                            + ": give exactly one of css, xpath, jsonld, meta"
                            + (kinds.isEmpty() ? "" : " (found " + String.join(", ", kinds) + ")"));
        }
        Optional<String> attr =
                spec.has("attr")
                        ? Optional.of(RuleParser.text(spec.get("attr"), where + ", key 'attr'"))
                        : Optional.empty();
        boolean all = RuleParser.bool(spec, "all", where);
        boolean required = RuleParser.bool(spec, "required", where);
        Optional<Pattern> regex =
                spec.has("regex")
                        ? Optional.of(
                                RuleParser.regex(
                                        RuleParser.text(spec.get("regex"), where + ", key 'regex'"),
                                        where))
                        : Optional.empty();
        String kind = kinds.get(0);
        String value = RuleParser.text(spec.get(kind), where + ", key '" + kind + "'");
        Field.Source source =
                switch (kind) {
                    case "css" -> cssSource(value, attr, where);
                    case "xpath" ->
                            new Field.XPath(
                                    xpath(value, where),
                                    attr.<Field.Pick>map(Field.Pick.Attr::new)
                                            .orElse(new Field.Pick.Text()));
                    case "jsonld" -> {
                        noAttr(attr, "jsonld", where);
                        List<String> parts = List.of(value.split("\\.", -1));
                        if (parts.stream().anyMatch(String::isBlank)) {
                            throw new ConfigException(
                                    where
                                            + ": jsonld path '"
                                            + value
                                            + "' must be TYPE.key.key... with no empty part");
                        }
                        yield new Field.JsonLdPath(parts.get(0), parts.subList(1, parts.size()));
                    }
                    default -> {
                        noAttr(attr, "meta", where);
                        yield new Field.Meta(value);
                    }
                };
        return new Field(name, source, all, regex, required);
    }

    private static Field.Css cssSource(String spec, Optional<String> attr, String where)
            throws ConfigException {
        String selector = spec.strip();
        Field.Pick pick = new Field.Pick.Text();
        int cut = selector.lastIndexOf("::");
        if (cut >= 0) {
            String pseudo = selector.substring(cut);
            var m = PSEUDO.matcher(pseudo);
            if (!m.matches()) {
                throw new ConfigException(
                        where
                                + ": unknown pseudo-element '"
                                + pseudo
                                + "' (known: ::text, ::own, ::html, ::attr(NAME))");
            }
            pick =
                    switch (m.group(1)) {
                        case "text" -> new Field.Pick.Text();
                        case "own" -> new Field.Pick.Own();
                        case "html" -> new Field.Pick.Html();
                        case "attr" -> {
                            if (m.group(2) == null || m.group(2).isBlank()) {
                                throw new ConfigException(
                                        where + ": ::attr needs a name, as in ::attr(href)");
                            }
                            yield new Field.Pick.Attr(m.group(2).strip());
                        }
                        default ->
                                throw new ConfigException(
                                        where
                                                + ": unknown pseudo-element '"
                                                + pseudo
                                                + "' (known: ::text, ::own, ::html, ::attr(NAME))");
                    };
            if (m.group(2) != null && !m.group(1).equals("attr")) {
                throw new ConfigException(where + ": '::" + m.group(1) + "' takes no argument");
            }
            selector = selector.substring(0, cut).strip();
        }
        if (attr.isPresent()) {
            if (!(pick instanceof Field.Pick.Text) || cut >= 0) {
                throw new ConfigException(
                        where + ": give the attribute as ::attr(NAME) or as attr, not both");
            }
            pick = new Field.Pick.Attr(attr.get());
        }
        Optional<Evaluator> evaluator =
                selector.isEmpty() ? Optional.empty() : Optional.of(css(selector, where));
        return new Field.Css(selector, evaluator, pick);
    }

    private static void noAttr(Optional<String> attr, String kind, String where)
            throws ConfigException {
        if (attr.isPresent()) {
            throw new ConfigException(where + ": attr does not apply to " + kind);
        }
    }

    static Evaluator css(String selector, String where) throws ConfigException {
        try {
            return QueryParser.parse(selector);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            throw new ConfigException(
                    where + ": invalid CSS selector '" + selector + "': " + e.getMessage(), e);
        }
    }

    private static String xpath(String expression, String where) throws ConfigException {
        try {
            XPathFactory.newInstance().newXPath().compile(expression);
        } catch (XPathExpressionException e) {
            String reason =
                    e.getMessage() != null
                            ? e.getMessage()
                            : e.getCause() != null ? e.getCause().getMessage() : "cannot compile";
            throw new ConfigException(where + ": invalid XPath '" + expression + "': " + reason, e);
        }
        try {
            // run once on an empty page: an expression that compiles but selects no elements
            // (count(//a), //a/@href) fails here, not on the first page of the crawl
            org.jsoup.nodes.Document.createShell("").selectXpath(expression);
        } catch (RuntimeException e) {
            throw new ConfigException(
                    where
                            + ": XPath '"
                            + expression
                            + "' must select elements (add attr: for an"
                            + " attribute): "
                            + e.getMessage(),
                    e);
        }
        return expression;
    }
}
