package dev.crawler.parse;

import java.util.Collection;
import java.util.Locale;

/**
 * Robots directives for one page, from {@code <meta name="robots">} and the {@code X-Robots-Tag}
 * header: {@code noindex} is recorded; {@code nofollow} stops the page's links from being followed.
 * Immutable.
 */
public record Directives(boolean noindex, boolean nofollow) {
    /** No directive: index and follow. */
    public static final Directives NONE = new Directives(false, false);

    /**
     * Reads a comma-separated directive list such as {@code "noindex, nofollow"} or {@code "none"}.
     */
    public static Directives parse(String value) {
        boolean noindex = false;
        boolean nofollow = false;
        for (String raw : value.split(",")) {
            String token = raw.trim().toLowerCase(Locale.ROOT);
            // X-Robots-Tag may name an agent first ("googlebot: noindex"); apply it to everyone
            int colon = token.lastIndexOf(':');
            if (colon >= 0) {
                token = token.substring(colon + 1).trim();
            }
            switch (token) {
                case "noindex" -> noindex = true;
                case "nofollow" -> nofollow = true;
                case "none" -> {
                    noindex = true;
                    nofollow = true;
                }
                default -> {
                    // all, index, follow, noarchive, ...: nothing for a crawler to do
                }
            }
        }
        return new Directives(noindex, nofollow);
    }

    /** Every value of the {@code X-Robots-Tag} header, combined. */
    public static Directives fromHeaders(Collection<String> values) {
        Directives d = NONE;
        for (String v : values) {
            d = d.and(parse(v));
        }
        return d;
    }

    /** Both sets of directives at once. */
    public Directives and(Directives other) {
        return new Directives(noindex || other.noindex, nofollow || other.nofollow);
    }
}
