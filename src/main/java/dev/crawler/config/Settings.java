package dev.crawler.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table of every setting of a crawl, in the order of {@code config/crawler.yaml}: each with its
 * key, kind and range, default and help ({@link Setting}). It is the one place a setting is
 * described; {@link CrawlConfig} validates with it, {@link ConfigFile} reads and prints with it,
 * the command line's help and the shipped {@code config/crawler.yaml} ({@link #template()}) are
 * made from it. Immutable and thread-safe.
 */
public final class Settings {
    private static final List<Section> SECTIONS =
            List.of(
                    section("Fetchers", "", EngineSettings.SETTINGS),
                    section("Scope, and traps", "", ScopeSettings.SETTINGS),
                    section("Retries", "", RetrySettings.SETTINGS),
                    section("Fetching", "", FetchSettings.SETTINGS),
                    section(
                            "Politeness",
                            "A \"host\" here is an origin: scheme, host name and port, as robots.txt"
                                    + " is.",
                            PolitenessSettings.SETTINGS),
                    section("Requests", "", RequestSettings.SETTINGS),
                    new Section(
                            "Many processes, one crawl",
                            "",
                            List.of(
                                    SharedSettings.FRONTIER,
                                    SharedSettings.CRAWL_NAME,
                                    SharedSettings.LEASE_TIME)),
                    section("Scraping (the command line)", "", OutputSettings.SETTINGS));

    private static final Map<String, Setting<?>> BY_KEY = byKey();

    private Settings() {}

    private static Section section(String title, String intro, List<Setting<?>> settings) {
        return new Section(title, intro, settings);
    }

    /** Every setting, in file order. */
    public static List<Setting<?>> all() {
        return List.copyOf(BY_KEY.values());
    }

    /** The setting of this key, if there is one. */
    public static Optional<Setting<?>> named(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /**
     * The documented configuration file: every key with its help above it and its default value, as
     * shipped in {@code config/crawler.yaml}. A setting whose default depends on the machine is
     * written commented out.
     */
    public static String template() {
        StringBuilder out =
                new StringBuilder(
                        """
                        # Default configuration of the crawler. Every value here is the built-in \
                        default; copy the file,
                        # change what you need, and pass it with `crawler crawl --config FILE`. \
                        Flags given on the command
                        # line override the file. Unknown keys and bad values are rejected with \
                        the key's name.
                        #
                        # Durations are written like 500ms, 10s, 2m, 1h; sizes like 512KiB, 10MiB \
                        (or KB, MB: powers of 1000).
                        #
                        # This file is made from the table of settings in the code \
                        (dev.crawler.config.Settings);
                        # `crawler crawl --print-config` prints the values a crawl would use.
                        """);
        for (Section section : SECTIONS) {
            if (!section.title().isEmpty()) {
                String rule = "# --- " + section.title() + " ";
                out.append('\n').append(rule).append("-".repeat(Math.max(3, 99 - rule.length())));
                out.append('\n');
                if (!section.intro().isEmpty()) {
                    comment(out, section.intro());
                }
            }
            for (Setting<?> s : section.settings()) {
                out.append('\n');
                comment(out, s.help());
                out.append(s.fileLine()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * {@code text} as YAML comment lines of at most 100 columns; indented lines kept as they are.
     */
    private static void comment(StringBuilder out, String text) {
        for (String paragraph : text.split("\n")) {
            if (paragraph.startsWith(" ")) {
                out.append("# ").append(paragraph).append('\n');
                continue;
            }
            StringBuilder line = new StringBuilder("#");
            for (String word : paragraph.split(" ")) {
                if (line.length() + 1 + word.length() > 100 && line.length() > 1) {
                    out.append(line).append('\n');
                    line = new StringBuilder("#");
                }
                line.append(' ').append(word);
            }
            out.append(line).append('\n');
        }
    }

    private static Map<String, Setting<?>> byKey() {
        Map<String, Setting<?>> m = new LinkedHashMap<>();
        List<String> twice = new ArrayList<>();
        for (Section section : SECTIONS) {
            for (Setting<?> s : section.settings()) {
                if (m.put(s.key(), s) != null) {
                    twice.add(s.key());
                }
            }
        }
        if (!twice.isEmpty()) {
            throw new IllegalStateException("settings listed twice: " + twice);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
