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
 * @param links absolute URLs of {@code <a href>} and {@code <area href>} without {@code
 *     rel="nofollow"}, in document order, without duplicates
 * @param directives the page's {@code <meta name="robots">} directives
 */
public record ParsedPage(
        String title,
        Optional<String> description,
        Optional<String> canonical,
        List<String> links,
        Directives directives) {
    /** Copies the list. */
    public ParsedPage {
        requireNonNull(title, "title");
        requireNonNull(description, "description");
        requireNonNull(canonical, "canonical");
        links = List.copyOf(links);
        requireNonNull(directives, "directives");
    }

    /** What a sitemap parses to: its entries as links, nothing else. */
    public static ParsedPage ofSitemap(List<String> entries) {
        return new ParsedPage("", Optional.empty(), Optional.empty(), entries, Directives.NONE);
    }

    /** The same page with other directives (e.g. merged with the X-Robots-Tag header). */
    public ParsedPage withDirectives(Directives value) {
        return new ParsedPage(title, description, canonical, links, value);
    }
}
