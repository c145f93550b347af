package dev.crawler.seed;

import static java.util.Objects.requireNonNull;

/**
 * One candidate seed as read from its source, before validation: a URL, optionally followed by a
 * tab and an integer priority ({@code https://example.com/\t10}; higher is fetched sooner).
 *
 * @param location where it came from, as {@code source:line} (e.g. {@code seeds/site.txt:12})
 * @param text the line, trimmed, without a byte-order mark
 */
public record SeedLine(String location, String text) {
    /** Validates the fields. */
    public SeedLine {
        requireNonNull(location, "location");
        requireNonNull(text, "text");
    }

    /** What a seed line says. */
    public sealed interface Parsed {}

    /** A URL to admit (not validated yet) with its priority. */
    public record Seed(String url, int priority) implements Parsed {}

    /** A line whose priority is not an integer. */
    public record BadPriority(String detail) implements Parsed {}

    /** Splits the line into its URL and priority (0 when there is none). */
    public Parsed parse() {
        int tab = text.indexOf('\t');
        if (tab < 0) {
            return new Seed(text, 0);
        }
        String priority = text.substring(tab + 1).strip();
        try {
            return new Seed(text.substring(0, tab).strip(), Integer.parseInt(priority));
        } catch (NumberFormatException e) {
            return new BadPriority("priority '" + priority + "' is not an integer");
        }
    }
}
