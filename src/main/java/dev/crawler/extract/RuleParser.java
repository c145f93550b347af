package dev.crawler.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crawler.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Compiles a rule file's tree (read from YAML or JSON) into {@link Rule}s, refusing anything that
 * could fail at crawl time: unknown keys, selectors jsoup cannot parse, XPath it cannot compile,
 * regular expressions, pseudo-elements we do not know. Each message names the source, the rule, the
 * field and the reason. Confined to the thread compiling.
 */
final class RuleParser {
    private static final Set<String> RULE_KEYS = Set.of("name", "urls", "each", "follow", "fields");
    private static final List<String> RULE_KEY_ORDER =
            List.of("name", "urls", "each", "follow", "fields");
    private static final List<String> FIELD_KEYS =
            List.of("css", "xpath", "jsonld", "meta", "attr", "all", "regex", "required");
    private static final Pattern PSEUDO = Pattern.compile("::([a-z]+)(?:\\(([^()]*)\\))?$");

    private final String source;

    RuleParser(String source) {
        this.source = source;
    }

    List<Rule> parse(JsonNode root) throws ConfigException {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source + ": no rules (expected a list of rules)");
        }
        if (!root.isArray()) {
            throw new ConfigException(source + ": expected a list of rules at the top");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : root) {
            index++;
            Rule rule = rule(node, index);
            if (!names.add(rule.name())) {
                throw new ConfigException(
                        source + ": rule '" + rule.name() + "': another rule has this name");
            }
            rules.add(rule);
        }
        return rules;
    }

    private Rule rule(JsonNode node, int index) throws ConfigException {
        String where = source + ": rule " + index;
        if (!node.isObject()) {
            throw new ConfigException(where + ": expected a mapping with name, urls, fields, ...");
        }
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new ConfigException(where + ": needs a name (the type of its items)");
        }
        String name = nameNode.asText().strip();
        where = source + ": rule '" + name + "'";
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!RULE_KEYS.contains(e.getKey())) {
                throw new ConfigException(
                        where + ": unknown key '" + e.getKey() + "' (known: " + known() + ")");
            }
        }
        Optional<Pattern> urls = Optional.empty();
        if (node.hasNonNull("urls")) {
            String re = text(node.get("urls"), where + ", key 'urls'");
            urls = Optional.of(regex(re, where + ", key 'urls'"));
        }
        Optional<Evaluator> each = Optional.empty();
        if (node.hasNonNull("each")) {
            each =
                    Optional.of(
                            css(
                                    text(node.get("each"), where + ", key 'each'"),
                                    where + ", key 'each'"));
        }
        Optional<List<Evaluator>> follow = Optional.empty();
        if (node.has("follow")) {
            List<Evaluator> selectors = new ArrayList<>();
            JsonNode f = node.get("follow");
            String at = where + ", key 'follow'";
            if (f.isArray()) {
                for (JsonNode s : f) selectors.add(css(text(s, at), at));
            } else if (!f.isNull()) {
                selectors.add(css(text(f, at), at));
            }
            follow = Optional.of(selectors);
        }
        List<Field> fields = new ArrayList<>();
        JsonNode fieldsNode = node.get("fields");
        if (fieldsNode != null && !fieldsNode.isNull()) {
            if (!fieldsNode.isObject()) {
                throw new ConfigException(where + ": 'fields' must map field names to selectors");
            }
            for (Map.Entry<String, JsonNode> e : fieldsNode.properties()) {
                fields.add(field(e.getKey(), e.getValue(), where + ", field '" + e.getKey() + "'"));
            }
        }
        return new Rule(name, urls, each, follow, fields);
    }

    private Field field(String name, JsonNode spec, String where) throws ConfigException {
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
                        ? Optional.of(text(spec.get("attr"), where + ", key 'attr'"))
                        : Optional.empty();
        boolean all = bool(spec, "all", where);
        boolean required = bool(spec, "required", where);
        Optional<Pattern> regex =
                spec.has("regex")
                        ? Optional.of(
                                regex(text(spec.get("regex"), where + ", key 'regex'"), where))
                        : Optional.empty();
        String kind = kinds.get(0);
        String value = text(spec.get(kind), where + ", key '" + kind + "'");
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

    private Field.Css cssSource(String spec, Optional<String> attr, String where)
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

    private static Evaluator css(String selector, String where) throws ConfigException {
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

    private static Pattern regex(String re, String where) throws ConfigException {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(
                    where + ": invalid regular expression '" + re + "': " + e.getDescription(), e);
        }
    }

    private static String text(JsonNode v, String where) throws ConfigException {
        if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw new ConfigException(where + ": expected a non-empty string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode spec, String key, String where) throws ConfigException {
        JsonNode v = spec.get(key);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) {
            throw new ConfigException(where + ": '" + key + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static String known() {
        return String.join(", ", RULE_KEY_ORDER);
    }
}
