package dev.crawler.seed;

import static java.util.Objects.requireNonNull;

/**
 * One candidate seed as read from its source, before validation.
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
}
