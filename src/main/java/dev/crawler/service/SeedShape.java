package dev.crawler.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crawler.seed.RequestBody;
import dev.crawler.seed.Seed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a submission asks of each of its requests besides the URL: {@code "priority"}, {@code
 * "maxDepth"} (its own depth limit), {@code "headers"} (an object of names to values, checked like
 * the crawl's) and a body that makes them {@code POST}s, {@code "form"} (an object of fields) or
 * {@code "json"} (any JSON value, sent as it is). Stateless.
 */
final class SeedShape {
    private SeedShape() {}

    /**
     * The change the submission {@code request} makes to each of its seeds.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static UnaryOperator<Seed> of(JsonNode request) {
        JsonNode priority = request.get("priority");
        if (priority != null && !priority.canConvertToInt()) {
            throw new IllegalArgumentException("\"priority\" must be an integer");
        }
        JsonNode depth = request.get("maxDepth");
        if (depth != null && (!depth.canConvertToInt() || depth.intValue() < 0)) {
            throw new IllegalArgumentException("\"maxDepth\" must be an integer >= 0");
        }
        Map<String, String> headers = strings(request.get("headers"), "headers");
        JsonNode form = request.get("form");
        JsonNode json = request.get("json");
        if (form != null && json != null) {
            throw new IllegalArgumentException("a submission posts \"form\" or \"json\", not both");
        }
        RequestBody body =
                form != null
                        ? RequestBody.form(strings(form, "form"))
                        : json != null ? RequestBody.json(json.toString()) : null;
        dev.crawler.config.RequestHeaders.checked(headers, "\"headers\""); // named before any URL
        return seed -> {
            Seed s = priority == null ? seed : seed.priority(priority.intValue());
            s = depth == null ? s : s.depthLimit(depth.intValue());
            s = headers.isEmpty() ? s : s.headers(headers);
            return body == null ? s : s.post(body);
        };
    }

    private static Map<String, String> strings(JsonNode node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("\"" + what + "\" must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        "\"" + what + "\": \"" + e.getKey() + "\" must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
