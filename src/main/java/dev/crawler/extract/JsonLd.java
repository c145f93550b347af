package dev.crawler.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The JSON-LD objects of a page ({@code <script type="application/ld+json">}): top-level objects,
 * the members of a top-level array, and the members of {@code @graph}, in document order; a block
 * that is not valid JSON is passed over. Stateless and thread-safe.
 */
final class JsonLd {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLd() {}

    static List<JsonNode> blocks(Document document) {
        List<JsonNode> out = new ArrayList<>();
        for (Element script : document.select("script[type]")) {
            String type = script.attr("type").strip();
            if (!type.regionMatches(true, 0, "application/ld+json", 0, 19)) {
                continue;
            }
            JsonNode root;
            try {
                root = MAPPER.readTree(script.data());
            } catch (IOException e) {
                continue; // broken JSON-LD is common on real pages
            }
            addObjects(root, out);
        }
        return out;
    }

    private static void addObjects(JsonNode node, List<JsonNode> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> addObjects(n, out));
        } else if (node.isObject()) {
            out.add(node);
            JsonNode graph = node.get("@graph");
            if (graph != null) {
                addObjects(graph, out);
            }
        }
    }

    /** Whether {@code object}'s {@code @type} (a string or a list) names {@code type}. */
    static boolean hasType(JsonNode object, String type) {
        JsonNode t = object.get("@type");
        if (t == null) {
            return false;
        }
        if (t.isArray()) {
            for (JsonNode each : t) {
                if (sameType(each.asText(), type)) return true;
            }
            return false;
        }
        return sameType(t.asText(), type);
    }

    /** {@code Product}, {@code schema:Product} and {@code https://schema.org/Product} are one. */
    private static boolean sameType(String declared, String wanted) {
        int cut = Math.max(declared.lastIndexOf('/'), declared.lastIndexOf(':'));
        return declared.substring(cut + 1).equals(wanted);
    }

    /**
     * The values at {@code path} in the first object of {@code type}: through a list, every member
     * is followed ({@code all}) or only the first.
     */
    static List<JsonNode> find(
            List<JsonNode> objects, String type, List<String> path, boolean all) {
        Optional<JsonNode> first = objects.stream().filter(o -> hasType(o, type)).findFirst();
        if (first.isEmpty()) {
            return List.of();
        }
        List<JsonNode> current = List.of(first.get());
        for (String key : path) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                for (JsonNode member : members(n, all)) {
                    JsonNode v = member.get(key);
                    if (v != null && !v.isNull()) next.add(v);
                }
            }
            current = next;
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : current) {
            out.addAll(members(n, all));
        }
        return out;
    }

    private static List<JsonNode> members(JsonNode n, boolean all) {
        if (!n.isArray()) {
            return List.of(n);
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : n) {
            out.add(m);
            if (!all) break;
        }
        return out;
    }
}
