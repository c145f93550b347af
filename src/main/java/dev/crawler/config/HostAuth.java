package dev.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials per host, as the {@code auth:} setting gives them: HTTP Basic ({@code basic:
 * "USER:PASSWORD"}) or a bearer token ({@code bearer: "TOKEN"}), each value able to name
 * environment variables ({@code "alice:${SITE_PASSWORD}"}) so that no secret need be written in the
 * file. They become the {@code Authorization} header of the requests to that host only (by host
 * name, any port), robots.txt included; they are never printed (shown as {@code ***}). Stateless.
 */
public final class HostAuth {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private HostAuth() {}

    /**
     * The {@code Authorization} value for each host of an {@code auth:} mapping.
     *
     * @param env the environment ({@code System::getenv} outside tests)
     * @throws IllegalArgumentException naming the host and what is wrong (an unknown scheme, a
     *     Basic value without a colon, an environment variable that is not set)
     */
    public static Map<String, String> parse(JsonNode v, UnaryOperator<String> env) {
        if (v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("expected a mapping of host names");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String host = e.getKey();
            JsonNode how = e.getValue();
            if (!how.isObject() || how.size() != 1) {
                throw new IllegalArgumentException(
                        host + ": expected {basic: \"USER:PASSWORD\"} or {bearer: \"TOKEN\"}");
            }
            Map.Entry<String, JsonNode> only = how.properties().iterator().next();
            if (!only.getValue().isTextual()) {
                throw new IllegalArgumentException(host + ": " + only.getKey() + " must be text");
            }
            String secret = expand(only.getValue().asText(), env, host);
            out.put(
                    host,
                    switch (only.getKey()) {
                        case "basic" -> basic(secret, host);
                        case "bearer" -> "Bearer " + secret.strip();
                        default ->
                                throw new IllegalArgumentException(
                                        host
                                                + ": unknown scheme '"
                                                + only.getKey()
                                                + "' (basic or bearer)");
                    });
        }
        return out;
    }

    private static String basic(String userAndPassword, String host) {
        if (userAndPassword.indexOf(':') < 0) {
            throw new IllegalArgumentException(host + ": basic needs \"USER:PASSWORD\"");
        }
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    static String expand(String value, UnaryOperator<String> env, String host) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = env.apply(m.group(1));
            if (found == null) {
                throw new IllegalArgumentException(
                        host + ": environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(found));
        }
        return m.appendTail(out).toString();
    }

    /**
     * Checks a host's {@code Authorization} values and keys them by lower-case host name.
     *
     * @throws IllegalArgumentException for a key that is not a host name or a value that cannot be
     *     a header
     */
    static Map<String, String> checked(Map<String, String> byHost) {
        Map<String, String> out = new LinkedHashMap<>();
        byHost.forEach(
                (host, value) -> {
                    String h = host.strip().toLowerCase(Locale.ROOT);
                    if (h.isEmpty() || h.contains("/") || h.contains(":")) {
                        throw new IllegalArgumentException(
                                "auth: '" + host + "' is not a host name");
                    }
                    if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                        throw new IllegalArgumentException(
                                "auth: the credentials of " + h + " are empty or not printable");
                    }
                    out.put(h, value);
                });
        return Collections.unmodifiableMap(out);
    }

    /** The setting as printed: every host, every secret as {@code ***}. */
    static String redacted(Map<String, String> byHost) {
        StringBuilder sb = new StringBuilder("{");
        byHost.forEach(
                (host, value) ->
                        sb.append(sb.length() > 1 ? ", " : "")
                                .append('"')
                                .append(host)
                                .append("\": {")
                                .append(value.startsWith("Basic ") ? "basic" : "bearer")
                                .append(": \"***\"}"));
        return sb.append('}').toString();
    }
}
