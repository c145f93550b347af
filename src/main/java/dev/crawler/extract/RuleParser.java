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
import org.jsoup.select.Evaluator;

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
                            FieldParser.css(
                                    text(node.get("each"), where + ", key 'each'"),
                                    where + ", key 'each'"));
        }
        Optional<List<Evaluator>> follow = Optional.empty();
        if (node.has("follow")) {
            List<Evaluator> selectors = new ArrayList<>();
            JsonNode f = node.get("follow");
            String at = where + ", key 'follow'";
            if (f.isArray()) {
                for (JsonNode s : f) selectors.add(FieldParser.css(text(s, at), at));
            } else if (!f.isNull()) {
                selectors.add(FieldParser.css(text(f, at), at));
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
                fields.add(
                        FieldParser.field(
                                e.getKey(), e.getValue(), where + ", field '" + e.getKey() + "'"));
            }
        }
        return new Rule(name, urls, each, follow, fields);
    }

    static Pattern regex(String re, String where) throws ConfigException {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(
                    where + ": invalid regular expression '" + re + "': " + e.getDescription(), e);
        }
    }

    static String text(JsonNode v, String where) throws ConfigException {
        if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw new ConfigException(where + ": expected a non-empty string");
        }
        return v.asText();
    }

    static boolean bool(JsonNode spec, String key, String where) throws ConfigException {
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
