package dev.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Reads a YAML configuration file onto a {@link CrawlConfig.Builder}. Keys are the kebab-case names
 * listed in {@code config/crawler.yaml}; an unknown key or a bad value is rejected with the key's
 * name and what it accepts. Stateless and thread-safe.
 */
public final class ConfigFile {
    private static final Map<String, Key> KEYS = keys();

    private ConfigFile() {}

    /**
     * Reads {@code file} onto a builder that starts from the defaults.
     *
     * @throws ConfigException naming the file and the key at fault
     */
    public static CrawlConfig.Builder load(Path file) throws ConfigException {
        return load(file, CrawlConfig.builder());
    }

    /**
     * Reads {@code file} onto {@code builder}: keys present in the file replace its values.
     *
     * @throws ConfigException naming the file and the key at fault
     */
    public static CrawlConfig.Builder load(Path file, CrawlConfig.Builder builder)
            throws ConfigException {
        JsonNode root = YamlFile.read(file, "configuration file");
        if (root == null || root.isMissingNode() || root.isNull()) {
            return builder; // an empty file changes nothing
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": expected a mapping of keys to values at the top");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            Key key = KEYS.get(field.getKey());
            if (key == null) {
                Optional<String> near = nearest(field.getKey());
                throw new ConfigException(
                        file
                                + lineOf(file, field.getKey())
                                + ": unknown key '"
                                + field.getKey()
                                + "'"
                                + near.map(n -> " (did you mean '" + n + "'?)").orElse("")
                                + " (known keys: "
                                + String.join(", ", KEYS.keySet())
                                + ")");
            }
            try {
                key.apply(builder, field.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        file
                                + lineOf(file, key.name())
                                + ": key '"
                                + key.name()
                                + "': "
                                + e.getMessage()
                                + " ("
                                + key.accepts()
                                + ")",
                        e);
            }
        }
        try {
            builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
        return builder;
    }

    /**
     * The configuration as YAML with every key, in the form this class reads; used by {@code crawl
     * --print-config}.
     */
    public static String toYaml(CrawlConfig config) {
        StringBuilder out = new StringBuilder();
        for (Key key : KEYS.values()) {
            out.append(key.name()).append(": ").append(key.show().apply(config)).append('\n');
        }
        return out.toString();
    }

    /** The known key closest to {@code unknown} by edit distance, if it is close (a typo). */
    static Optional<String> nearest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KEYS.keySet()) {
            int d = distance(unknown.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, unknown.length() / 4)
                ? Optional.of(best)
                : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** {@code ":LINE"} of the first top-level line that sets {@code key}, or "" if not found. */
    private static String lineOf(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith(key + ":") || l.startsWith("\"" + key + "\":")) {
                    return ":" + (i + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the message goes out without a line number
        }
        return "";
    }

    /** The names of every key, in file order. */
    public static List<String> keyNames() {
        return List.copyOf(KEYS.keySet());
    }

    private record Key(
            String name,
            String accepts,
            BiConsumer<CrawlConfig.Builder, JsonNode> apply,
            Function<CrawlConfig, String> show) {
        void apply(CrawlConfig.Builder b, JsonNode value) {
            apply.accept(b, value);
        }
    }

    private static Map<String, Key> keys() {
        Map<String, Key> m = new LinkedHashMap<>();
        put(
                m,
                "workers",
                "an integer from 1 to 100000",
                (b, v) -> b.workers(integer(v, 1, 100_000)),
                c -> String.valueOf(c.workers()));
        put(
                m,
                "queue-capacity",
                "an integer from 1 to 10000000",
                (b, v) -> b.queueCapacity(integer(v, 1, 10_000_000)),
                c -> String.valueOf(c.queueCapacity()));
        put(
                m,
                "rate",
                "requests per second, a number >= 0; 0 turns the cap off",
                (b, v) -> b.maxRequestsPerSecond(number(v)),
                c -> stripZeros(c.maxRequestsPerSecond()));
        put(
                m,
                "max-pages",
                "an integer >= 0; 0 means no limit",
                (b, v) -> b.maxPages(longInteger(v, 0, Long.MAX_VALUE)),
                c -> String.valueOf(c.maxPages()));
        put(
                m,
                "max-depth",
                "an integer from 0 to 10000",
                (b, v) -> b.maxDepth(integer(v, 0, 10_000)),
                c -> String.valueOf(c.maxDepth()));
        put(
                m,
                "max-attempts",
                "an integer from 1 to 100",
                (b, v) -> b.maxAttempts(integer(v, 1, 100)),
                c -> String.valueOf(c.maxAttempts()));
        put(
                m,
                "retry-base-delay",
                "a duration such as 500ms or 2s",
                (b, v) -> b.retryBaseDelay(duration(v)),
                c -> Units.formatDuration(c.retryBaseDelay()));
        put(
                m,
                "retry-max-delay",
                "a duration such as 30s or 5m",
                (b, v) -> b.retryMaxDelay(duration(v)),
                c -> Units.formatDuration(c.retryMaxDelay()));
        put(
                m,
                "connect-timeout",
                "a duration such as 10s",
                (b, v) -> b.connectTimeout(duration(v)),
                c -> Units.formatDuration(c.connectTimeout()));
        put(
                m,
                "fetch-timeout",
                "a duration such as 30s",
                (b, v) -> b.fetchTimeout(duration(v)),
                c -> Units.formatDuration(c.fetchTimeout()));
        put(
                m,
                "user-agent",
                "a non-blank string",
                (b, v) -> b.userAgent(text(v)),
                c -> quote(c.userAgent()));
        put(
                m,
                "max-body-size",
                "a size such as 10MiB, at most 1GiB",
                (b, v) -> b.maxBodySize(size(v)),
                c -> Units.formatSize(c.maxBodySize()));
        put(
                m,
                "memory-budget",
                "a size such as 64MiB, at least 1MiB",
                (b, v) -> b.memoryBudget(size(v)),
                c -> Units.formatSize(c.memoryBudget()));
        put(
                m,
                "max-redirects",
                "an integer from 0 to 50",
                (b, v) -> b.maxRedirects(integer(v, 0, 50)),
                c -> String.valueOf(c.maxRedirects()));
        put(
                m,
                "same-host",
                "true or false",
                (b, v) -> b.sameHost(bool(v)),
                c -> String.valueOf(c.sameHost()));
        put(
                m,
                "include",
                "a list of regular expressions",
                (b, v) -> b.include(patterns(v)),
                c -> list(c.include()));
        put(
                m,
                "exclude",
                "a list of regular expressions",
                (b, v) -> b.exclude(patterns(v)),
                c -> list(c.exclude()));
        put(
                m,
                "shutdown-grace",
                "a duration such as 5s (0s allowed)",
                (b, v) -> b.shutdownGrace(duration(v)),
                c -> Units.formatDuration(c.shutdownGrace()));
        put(
                m,
                "host-concurrency",
                "an integer from 1 to 100000",
                (b, v) -> b.hostConcurrency(integer(v, 1, 100_000)),
                c -> String.valueOf(c.hostConcurrency()));
        put(
                m,
                "host-delay",
                "a duration such as 250ms (0s allowed)",
                (b, v) -> b.hostDelay(duration(v)),
                c -> Units.formatDuration(c.hostDelay()));
        put(
                m,
                "respect-robots",
                "true or false",
                (b, v) -> b.respectRobots(bool(v)),
                c -> String.valueOf(c.respectRobots()));
        put(
                m,
                "robots-agent",
                "a product token: letters, '-' and '_'",
                (b, v) -> b.robotsAgent(text(v)),
                c -> quote(c.robotsAgent()));
        put(
                m,
                "max-crawl-delay",
                "a duration such as 30s",
                (b, v) -> b.maxCrawlDelay(duration(v)),
                c -> Units.formatDuration(c.maxCrawlDelay()));
        put(
                m,
                "robots-cache-ttl",
                "a duration such as 24h",
                (b, v) -> b.robotsCacheTtl(duration(v)),
                c -> Units.formatDuration(c.robotsCacheTtl()));
        put(
                m,
                "follow-sitemaps",
                "true or false",
                (b, v) -> b.followSitemaps(bool(v)),
                c -> String.valueOf(c.followSitemaps()));
        put(
                m,
                "max-sitemap-size",
                "a size such as 50MiB, at most 1GiB",
                (b, v) -> b.maxSitemapSize(size(v)),
                c -> Units.formatSize(c.maxSitemapSize()));
        put(
                m,
                "adaptive-delay",
                "true or false",
                (b, v) -> b.adaptiveDelay(bool(v)),
                c -> String.valueOf(c.adaptiveDelay()));
        put(
                m,
                "max-host-delay",
                "a duration such as 60s",
                (b, v) -> b.maxHostDelay(duration(v)),
                c -> Units.formatDuration(c.maxHostDelay()));
        put(
                m,
                "strip-session-ids",
                "true or false",
                (b, v) -> b.stripSessionIds(bool(v)),
                c -> String.valueOf(c.stripSessionIds()));
        put(
                m,
                "max-url-length",
                "an integer from 16 to 65536",
                (b, v) -> b.maxUrlLength(integer(v, 16, 65_536)),
                c -> String.valueOf(c.maxUrlLength()));
        put(
                m,
                "max-segment-repeats",
                "an integer from 1 to 1000",
                (b, v) -> b.maxSegmentRepeats(integer(v, 1, 1_000)),
                c -> String.valueOf(c.maxSegmentRepeats()));
        put(
                m,
                "max-pages-per-host",
                "an integer >= 0; 0 means no limit",
                (b, v) -> b.maxPagesPerHost(longInteger(v, 0, Long.MAX_VALUE)),
                c -> String.valueOf(c.maxPagesPerHost()));
        put(
                m,
                "max-links-per-page",
                "an integer from 1 to 1000000",
                (b, v) -> b.maxLinksPerPage(integer(v, 1, 1_000_000)),
                c -> String.valueOf(c.maxLinksPerPage()));
        put(
                m,
                "max-compression-ratio",
                "an integer from 2 to 100000",
                (b, v) -> b.maxCompressionRatio(integer(v, 2, 100_000)),
                c -> String.valueOf(c.maxCompressionRatio()));
        put(
                m,
                "ssrf-guard",
                "true or false",
                (b, v) -> b.ssrfGuard(bool(v)),
                c -> String.valueOf(c.ssrfGuard()));
        put(
                m,
                "max-workers",
                "0 (a fixed number of fetchers) or an integer from workers to 100000",
                (b, v) -> b.maxWorkers(integer(v, 0, 100_000)),
                c -> String.valueOf(c.maxWorkers()));
        put(
                m,
                "frontier",
                "empty (the embedded frontier), redis://HOST:PORT/DB or redis-cluster://HOST:PORT",
                (b, v) -> b.frontier(v.isNull() ? "" : v.asText().strip()),
                c -> quote(c.frontier()));
        put(
                m,
                "crawl-name",
                "1 to 64 letters, digits, '.', '_' or '-'",
                (b, v) -> b.crawlName(text(v)),
                c -> quote(c.crawlName()));
        put(
                m,
                "lease-time",
                "a duration of at least 1s, such as 30s",
                (b, v) -> b.leaseTime(duration(v)),
                c -> Units.formatDuration(c.leaseTime()));
        put(
                m,
                "headers",
                "a mapping of header names to values, sent with every request",
                (b, v) -> b.headers(stringMap(v, "headers")),
                c -> headersYaml(c.headers()));
        put(
                m,
                "host-headers",
                "a mapping of host names to mappings of header names to values",
                (b, v) -> b.hostHeaders(hostMaps(v)),
                c -> hostHeadersYaml(c.hostHeaders()));
        put(
                m,
                "auth",
                "a mapping of host names to {basic: \"USER:PASSWORD\"} or {bearer: \"TOKEN\"}"
                        + " (${VAR} reads the environment)",
                (b, v) -> b.hostAuth(HostAuth.parse(v, System::getenv)),
                c -> HostAuth.redacted(c.hostAuth()));
        put(
                m,
                "login",
                "{url, form, fields, success}: a form login before the crawl",
                (b, v) -> b.login(LoginSpec.parse(v, System::getenv)),
                c -> LoginSpec.redacted(c.login()));
        put(
                m,
                "proxy",
                "empty (no proxy) or http://[USER:PASS@]HOST:PORT",
                (b, v) -> b.proxy(v.isNull() ? "" : text(v).strip()),
                c -> quote(ProxySpec.redacted(c.proxy())));
        put(
                m,
                "proxies",
                "a list of http://[USER:PASS@]HOST:PORT",
                (b, v) -> b.proxies(strings(v)),
                c -> redactedList(c.proxies()));
        put(
                m,
                "host-proxies",
                "a mapping of host names to http://[USER:PASS@]HOST:PORT or direct",
                (b, v) -> b.hostProxies(stringMap(v, "host-proxies")),
                c -> redactedMap(c.hostProxies()));
        put(
                m,
                "sessions",
                "an integer from 0 (one session) to 10000",
                (b, v) -> b.sessions(integer(v, 0, 10_000)),
                c -> String.valueOf(c.sessions()));
        put(
                m,
                "session-max-blocked",
                "an integer from 1 to 1000",
                (b, v) -> b.sessionMaxBlocked(integer(v, 1, 1000)),
                c -> String.valueOf(c.sessionMaxBlocked()));
        put(
                m,
                "session-headers",
                "a list of mappings of header names to values, one per session in turn",
                (b, v) -> b.sessionHeaders(headerSets(v)),
                c -> headerSetsYaml(c.sessionHeaders()));
        put(
                m,
                "cookies",
                "true or false",
                (b, v) -> b.cookies(bool(v)),
                c -> String.valueOf(c.cookies()));
        put(
                m,
                "cookies-file",
                "a path to a Netscape cookies.txt, or empty",
                (b, v) -> b.cookiesFile(v.isNull() ? "" : text(v).strip()),
                c -> quote(c.cookiesFile()));
        put(
                m,
                "extract",
                "a rule file (YAML), empty for none",
                (b, v) -> b.extract(v.isNull() ? "" : text(v).strip()),
                c -> quote(c.extract()));
        put(
                m,
                "items",
                "an items file (.csv for CSV, else JSON Lines; - for standard output), empty for"
                        + " none",
                (b, v) -> b.items(v.isNull() ? "" : text(v).strip()),
                c -> quote(c.items()));
        return Collections.unmodifiableMap(m);
    }

    private static void put(
            Map<String, Key> m,
            String name,
            String accepts,
            BiConsumer<CrawlConfig.Builder, JsonNode> apply,
            Function<CrawlConfig, String> show) {
        m.put(name, new Key(name, accepts, apply, show));
    }

    private static Map<String, String> stringMap(JsonNode v, String what) {
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

    private static Map<String, Map<String, String>> hostMaps(JsonNode v) {
        if (v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("expected a mapping, got " + describe(v));
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            out.put(e.getKey(), stringMap(e.getValue(), "host-headers: " + e.getKey()));
        }
        return out;
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

    private static String hostHeadersYaml(Map<String, Map<String, String>> byHost) {
        StringBuilder sb = new StringBuilder("{");
        byHost.forEach(
                (host, h) ->
                        sb.append(sb.length() > 1 ? ", " : "")
                                .append(quote(host))
                                .append(": ")
                                .append(headersYaml(h)));
        return sb.append('}').toString();
    }

    private static String text(JsonNode v) {
        if (!v.isValueNode() || v.isNull()) {
            throw new IllegalArgumentException("expected a single value, got " + describe(v));
        }
        return v.asText();
    }

    private static int integer(JsonNode v, int min, int max) {
        return (int) longInteger(v, min, max);
    }

    private static long longInteger(JsonNode v, long min, long max) {
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else {
            String t = text(v).trim().replace("_", "");
            try {
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer: '" + v.asText() + "'", e);
            }
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("out of range: " + n);
        }
        return n;
    }

    private static double number(JsonNode v) {
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else {
            try {
                d = Double.parseDouble(text(v).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: '" + v.asText() + "'", e);
            }
        }
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("out of range: " + v.asText());
        }
        return d;
    }

    private static boolean bool(JsonNode v) {
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

    private static Duration duration(JsonNode v) {
        return Units.parseDuration(text(v));
    }

    private static long size(JsonNode v) {
        return v.isIntegralNumber() ? v.asLong() : Units.parseSize(text(v));
    }

    private static List<String> strings(JsonNode v) {
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

    private static List<String> patterns(JsonNode v) {
        List<String> list = strings(v);
        for (String p : list) {
            try {
                java.util.regex.Pattern.compile(p);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "invalid regular expression '" + p + "': " + e.getDescription(), e);
            }
        }
        return list;
    }

    private static String describe(JsonNode v) {
        if (v.isArray()) return "a list";
        if (v.isObject()) return "a mapping";
        if (v.isNull()) return "nothing";
        return "'" + v.asText() + "'";
    }

    private static String stripZeros(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static List<Map<String, String>> headerSets(JsonNode v) {
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("expected a list of mappings, got " + describe(v));
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode e : v) {
            out.add(stringMap(e, "session-headers"));
        }
        return out;
    }

    private static String headerSetsYaml(List<Map<String, String>> sets) {
        return "[" + String.join(", ", sets.stream().map(ConfigFile::headersYaml).toList()) + "]";
    }

    private static String redactedList(List<String> proxies) {
        return list(proxies.stream().map(ProxySpec::redacted).toList());
    }

    private static String redactedMap(Map<String, String> byHost) {
        StringBuilder sb = new StringBuilder("{");
        byHost.forEach(
                (host, spec) ->
                        sb.append(sb.length() > 1 ? ", " : "")
                                .append(quote(host))
                                .append(": ")
                                .append(quote(ProxySpec.redacted(spec))));
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ")
                    .append('\'')
                    .append(items.get(i).replace("'", "''"))
                    .append('\'');
        }
        return sb.append(']').toString();
    }
}
