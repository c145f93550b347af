package dev.crawler.config;

import static dev.crawler.config.YamlValues.describe;
import static dev.crawler.config.YamlValues.map;
import static dev.crawler.config.YamlValues.quote;
import static dev.crawler.config.YamlValues.stringMap;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The kinds of the request settings: headers, credentials, proxies, a login. Stateless. */
final class RequestKinds {
    private RequestKinds() {}

    /** Headers in order; the names checked ({@link RequestHeaders}), secret values shown ***. */
    static Kind<Map<String, String>> headers(String where) {
        return new Kind<>(
                "a mapping of header names to values",
                v -> stringMap(v, where),
                RequestKinds::headersYaml,
                h -> RequestHeaders.checked(requireNonNull(h), where));
    }

    /** Headers by host name. */
    static Kind<Map<String, Map<String, String>>> hostHeaders() {
        return new Kind<>(
                "a mapping of host names to mappings of header names to values",
                v -> {
                    Map<String, Map<String, String>> out = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : mapping(v).entrySet()) {
                        out.put(e.getKey(), stringMap(e.getValue(), "host-headers: " + e.getKey()));
                    }
                    return out;
                },
                m -> map(m, RequestKinds::headersYaml),
                m -> {
                    Map<String, Map<String, String>> byHost = new LinkedHashMap<>();
                    m.forEach(
                            (host, h) -> {
                                String name = hostName(host, "host-headers");
                                byHost.put(
                                        name, RequestHeaders.checked(h, "host-headers: " + name));
                            });
                    return Collections.unmodifiableMap(byHost);
                });
    }

    /** {@code Authorization} values by host, from Basic or bearer credentials; shown ***. */
    static Kind<Map<String, String>> auth() {
        return new Kind<>(
                "a mapping of host names to {basic: \"USER:PASSWORD\"} or {bearer: \"TOKEN\"}"
                        + " (${VAR} reads the environment)",
                v -> HostAuth.parse(v, System::getenv),
                HostAuth::redacted,
                m -> HostAuth.checked(requireNonNull(m)));
    }

    static Kind<Optional<LoginSpec>> login() {
        return new Kind<>(
                "{url, form, fields, success}: a form login before the crawl",
                v -> LoginSpec.parse(v, System::getenv),
                LoginSpec::redacted,
                l -> requireNonNull(l));
    }

    /** Empty (no proxy) or {@code http://[USER:PASS@]HOST:PORT}; credentials shown ***. */
    static Kind<String> proxy() {
        return Kinds.optional(
                "empty (no proxy) or http://[USER:PASS@]HOST:PORT",
                p -> {
                    ProxySpec.parse(p); // refuses a malformed one
                    return p;
                },
                p -> quote(ProxySpec.redacted(p)));
    }

    static Kind<List<String>> proxies() {
        return new Kind<>(
                "a list of http://[USER:PASS@]HOST:PORT",
                YamlValues::strings,
                l -> YamlValues.list(l.stream().map(ProxySpec::redacted).toList()),
                l -> {
                    l.forEach(ProxySpec::parse);
                    return List.copyOf(l);
                });
    }

    /** A host's own proxy, or {@code direct}, by host name. */
    static Kind<Map<String, String>> hostProxies() {
        return new Kind<>(
                "a mapping of host names to http://[USER:PASS@]HOST:PORT or direct",
                v -> stringMap(v, "host-proxies"),
                m -> map(m, p -> quote(ProxySpec.redacted(p))),
                m -> {
                    Map<String, String> routes = new LinkedHashMap<>();
                    m.forEach(
                            (host, spec) -> {
                                if (!spec.strip().equals("direct")) {
                                    ProxySpec.parse(spec);
                                }
                                routes.put(host.strip().toLowerCase(Locale.ROOT), spec.strip());
                            });
                    return Collections.unmodifiableMap(routes);
                });
    }

    /** Sets of headers, one per session in turn. */
    static Kind<List<Map<String, String>>> headerSets() {
        return new Kind<>(
                "a list of mappings of header names to values, one per session in turn",
                v -> {
                    if (v.isNull()) {
                        return List.of();
                    }
                    if (!v.isArray()) {
                        throw new IllegalArgumentException(
                                "expected a list of mappings, got " + describe(v));
                    }
                    List<Map<String, String>> out = new ArrayList<>();
                    for (JsonNode e : v) {
                        out.add(stringMap(e, "session-headers"));
                    }
                    return out;
                },
                sets ->
                        "["
                                + String.join(
                                        ", ", sets.stream().map(RequestKinds::headersYaml).toList())
                                + "]",
                sets -> {
                    List<Map<String, String>> out = new ArrayList<>();
                    for (Map<String, String> h : sets) {
                        out.add(RequestHeaders.checked(h, "session-headers"));
                    }
                    return List.copyOf(out);
                });
    }

    private static Map<String, JsonNode> mapping(JsonNode v) {
        if (v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("expected a mapping, got " + describe(v));
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        v.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String hostName(String key, String where) {
        String host = key.strip().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || host.contains("/")) {
            throw new IllegalArgumentException(where + ": '" + key + "' is not a host name");
        }
        return host;
    }

    /** Headers as a YAML flow mapping, secret values ({@code Authorization}, ...) as ***. */
    private static String headersYaml(Map<String, String> headers) {
        StringBuilder sb = new StringBuilder("{");
        headers.forEach(
                (k, v) ->
                        sb.append(sb.length() > 1 ? ", " : "")
                                .append(quote(k))
                                .append(": ")
                                .append(quote(RequestHeaders.isSecret(k) ? "***" : v)));
        return sb.append('}').toString();
    }
}
