package dev.crawler.parse;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the crawler takes from an HTML page. Immutable.
 *
 * @param title the {@code <title>}, trimmed; empty when absent or blank
 * @param description the {@code <meta name="description">} content, when present
 * @param canonical the absolute {@code <link rel="canonical">} URL, when present
 * @param links absolute URLs of {@code <a href>} and {@code <area href>}, in document order,
 *     without duplicates
 * @param textLength characters of visible body text
 */
public record ParsedPage(
        String title,
        Optional<String> description,
        Optional<String> canonical,
        List<String> links,
        int textLength) {
    /** Copies the list. */
    public ParsedPage {
        requireNonNull(title, "title");
        requireNonNull(description, "description");
        requireNonNull(canonical, "canonical");
        links = List.copyOf(links);
    }
}
