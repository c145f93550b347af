package dev.crawler.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A form login run before the crawl ({@code login:}): the page at {@code url} is fetched, its form
 * {@code form} is submitted as a browser would with {@code fields} filled in (values may name
 * environment variables, {@code ${SITE_PASSWORD}}), redirects are followed, and the page reached
 * must match the CSS selector {@code success} (a logout link, say); else the crawl does not start.
 * The cookies it got go with every request of the crawl. Field values are never printed. Immutable.
 *
 * @param url the login page
 * @param form the CSS selector of its form ({@code form} for the first)
 * @param fields the fields to fill in, in order
 * @param success a CSS selector that only a logged-in page matches
 */
public record LoginSpec(String url, String form, Map<String, String> fields, String success) {
    /** Validates the fields. */
    public LoginSpec {
        requireNonNull(url, "url");
        requireNonNull(form, "form");
        requireNonNull(success, "success");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("login: url '" + url + "' is not a URL", e);
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
            throw new IllegalArgumentException("login: url must be http(s): '" + url + "'");
        }
        if (form.isBlank() || success.isBlank()) {
            throw new IllegalArgumentException("login: form and success need CSS selectors");
        }
    }

    /**
     * The {@code login:} mapping: {@code url}, {@code form} (default {@code form}), {@code fields},
     * {@code success}; empty for {@code null}.
     */
    static Optional<LoginSpec> parse(JsonNode v, UnaryOperator<String> env) {
        if (v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("expected {url, form, fields, success}");
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("url")
                    && !k.equals("form")
                    && !k.equals("fields")
                    && !k.equals("success")) {
                throw new IllegalArgumentException(
                        "unknown key '" + k + "' (url, form, fields, success)");
            }
        }
        if (!v.path("url").isTextual() || !v.path("success").isTextual()) {
            throw new IllegalArgumentException("url and success are required text");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode f = v.path("fields");
        if (!f.isMissingNode() && !f.isObject()) {
            throw new IllegalArgumentException("fields must be a mapping of names to values");
        }
        for (Map.Entry<String, JsonNode> e : f.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException(
                        "the value of field '" + e.getKey() + "' must be text");
            }
            fields.put(e.getKey(), HostAuth.expand(e.getValue().asText(), env, "login"));
        }
        return Optional.of(
                new LoginSpec(
                        v.get("url").asText(),
                        v.path("form").isTextual() ? v.get("form").asText() : "form",
                        fields,
                        v.get("success").asText()));
    }

    /** The setting as printed: every field value as {@code ***}. */
    static String redacted(Optional<LoginSpec> login) {
        if (login.isEmpty()) {
            return "null";
        }
        LoginSpec l = login.get();
        StringBuilder sb = new StringBuilder("{url: ").append(YamlValues.quote(l.url()));
        sb.append(", form: ").append(YamlValues.quote(l.form())).append(", fields: {");
        boolean first = true;
        for (String name : l.fields().keySet()) {
            sb.append(first ? "" : ", ").append(YamlValues.quote(name)).append(": \"***\"");
            first = false;
        }
        return sb.append("}, success: ")
                .append(YamlValues.quote(l.success()))
                .append('}')
                .toString();
    }
}
