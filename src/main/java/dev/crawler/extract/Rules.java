package dev.crawler.extract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crawler.config.ConfigException;
import dev.crawler.config.YamlFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;

/**
 * Declarative extraction: a list of rules, each with the pages it applies to, optionally one item
 * per matching element, the fields of its items, and the links to follow. A rule file is compiled
 * once, before any request; every rule whose {@code urls} matches a page applies to it. Rules are a
 * {@link PageHandler}: the same engine runs them as runs a handler written in Java. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * - name: book
 *   urls: '/catalogue/[^/]+/index\.html$'
 *   fields:
 *     title: 'h1'
 *     price: { css: 'p.price_color', regex: '([0-9.]+)' }
 * }</pre>
 */
public final class Rules implements PageHandler {
    private final List<Rule> rules;
    private final JsonNode source;

    private Rules(List<Rule> rules, JsonNode source) {
        this.rules = List.copyOf(rules);
        this.source = source.deepCopy();
    }

    /**
     * Reads and compiles a YAML (or JSON) rule file.
     *
     * @throws ConfigException naming the file, rule, field and reason
     */
    public static Rules load(Path file) throws ConfigException {
        JsonNode root = YamlFile.read(file, "rule file");
        return parse(root, file.toString());
    }

    /**
     * Compiles rules given as a tree (a service submission's {@code "extract"}).
     *
     * @param sourceName how messages name where the rules came from
     * @throws ConfigException naming the rule, field and reason
     */
    public static Rules parse(JsonNode root, String sourceName) throws ConfigException {
        requireNonNull(sourceName, "sourceName");
        return new Rules(new RuleParser(sourceName).parse(root), root);
    }

    /** The rules' names, in file order: the types of their items. */
    public List<String> names() {
        return rules.stream().map(Rule::name).toList();
    }

    /** Every field name of every rule, in order of first appearance: the CSV columns. */
    public List<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        for (Rule r : rules) {
            r.fields().forEach(f -> out.add(f.name()));
        }
        return List.copyOf(out);
    }

    /** The rules as YAML, as read (for {@code --print-config}). */
    public String toYaml() {
        try {
            return new YAMLMapper().writeValueAsString(source);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules as a JSON tree, as read. */
    public JsonNode toJson() {
        return source.deepCopy();
    }

    @Override
    public void handle(Page page) {
        if (!(page instanceof PageContext ctx)) {
            throw new IllegalArgumentException("rules run on the pages the crawler hands out");
        }
        String url = page.url().toString();
        boolean restrictLinks = false;
        for (Rule rule : rules) {
            if (!rule.appliesTo(url)) {
                continue;
            }
            ctx.expect(rule.name());
            apply(rule, ctx);
            if (rule.follow().isPresent()) {
                restrictLinks = true;
                for (Evaluator selector : rule.follow().get()) {
                    ctx.followUnder(ctx.document().select(selector));
                }
            }
        }
        if (restrictLinks) {
            ctx.skipLinks();
        }
    }

    private static void apply(Rule rule, PageContext page) {
        Elements scopes =
                rule.each().isPresent()
                        ? page.document().select(rule.each().get())
                        : new Elements(page.document());
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (Element scope : scopes) {
            Map<String, Object> data = new LinkedHashMap<>();
            String lacking = null;
            for (Field f : rule.fields()) {
                Object value = f.value(scope, page);
                if (f.required() && Field.missing(value) && lacking == null) {
                    lacking = f.name();
                }
                data.put(f.name(), value);
            }
            if (lacking != null) {
                missing.merge(lacking, 1, Integer::sum);
            } else if (!rule.fields().isEmpty()) {
                page.emit(rule.name(), Collections.unmodifiableMap(data));
            }
        }
        missing.forEach(
                (field, n) ->
                        page.reportError(
                                "rule '"
                                        + rule.name()
                                        + "': "
                                        + (n == 1 ? "an item" : n + " items")
                                        + " not emitted: required field '"
                                        + field
                                        + "' had no match"));
    }

    @Override
    public String toString() {
        return "Rules" + new ArrayList<>(names());
    }
}
