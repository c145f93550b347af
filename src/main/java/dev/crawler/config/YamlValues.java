package dev.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the YAML values settings are made of. Stateless. */
final class YamlValues {
    private YamlValues() {}

    static String text(JsonNode v) {
        if (!v.isValueNode() || v.isNull()) {
            throw new IllegalArgumentException("expected a single value, got " + describe(v));
        }
        return v.asText();
    }

    static long longInteger(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        String t = text(v).trim().replace("_", "");
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + v.asText() + "'", e);
        }
    }

    static double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(text(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + v.asText() + "'", e);
        }
    }

    static boolean bool(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return switch (text(v).trim()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw new IllegalArgumentException("not true or false: '" + v.asText() + "'");
        };
    }

    /** A list of single values; one value reads as a list of one, nothing as none. */
    static List<String> strings(JsonNode v) {
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            return List.of(text(v));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            out.add(text(item));
        }
        return out;
    }

    /** A mapping of names to single values, in order. */
    static Map<String, String> stringMap(JsonNode v, String what) {
        if (v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("expected a mapping, got " + describe(v));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException(
                        what + ": the value of '" + e.getKey() + "' must be a single value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    static String describe(JsonNode v) {
        if (v.isArray()) return "a list";
        if (v.isObject()) return "a mapping";
        if (v.isNull()) return "nothing";
        return "'" + v.asText() + "'";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A flow list of single-quoted strings, as YAML reads them back. */
    static String list(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ")
                    .append('\'')
                    .append(items.get(i).replace("'", "''"))
                    .append('\'');
        }
        return sb.append(']').toString();
    }

    /** A flow mapping of quoted keys to already-printed values. */
    static <V> String map(Map<String, V> m, java.util.function.Function<V, String> show) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach(
                (k, v) ->
                        sb.append(sb.length() > 1 ? ", " : "")
                                .append(quote(k))
                                .append(": ")
                                .append(show.apply(v)));
        return sb.append('}').toString();
    }
}
