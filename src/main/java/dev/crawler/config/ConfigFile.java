package dev.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a YAML configuration file onto a {@link CrawlConfig.Builder}. Keys are the kebab-case names
 * listed in {@code config/crawler.yaml}; an unknown key or a bad value is rejected with the key's
 * name and what it accepts. Stateless and thread-safe.
 */
public final class ConfigFile {
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
            Setting<?> key = Settings.named(field.getKey()).orElse(null);
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
                                + String.join(", ", keyNames())
                                + ")");
            }
            try {
                key.read(builder, field.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        file
                                + lineOf(file, key.key())
                                + ": key '"
                                + key.key()
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
        for (Setting<?> s : Settings.all()) {
            out.append(s.key()).append(": ").append(s.show(config)).append('\n');
        }
        return out.toString();
    }

    /** The known key closest to {@code unknown} by edit distance, if it is close (a typo). */
    static Optional<String> nearest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : keyNames()) {
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
        return Settings.all().stream().map(Setting::key).toList();
    }
}
