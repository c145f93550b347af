package dev.crawler.parse;

import java.util.Locale;
import java.util.Set;

/**
 * Lower-case tag and attribute names for the {@link HtmlScanner}, without a copy of the page's text
 * for the names it asks about: a page's every tag name was two strings before (a substring, then
 * its lower case), 6% of what a crawl allocated. Names compare as jsoup lowers them ({@link
 * String#toLowerCase(Locale)}, so that a non-ASCII letter is looked at the slow way). Stateless.
 */
final class TagNames {
    /** What a tag the scanner does not know is named: no tag name is empty. */
    static final String OTHER = "";

    /** Tags the scanner or its visitors ask about. */
    static final Set<String> KNOWN_TAGS =
            Set.of(
                    "a",
                    "area",
                    "base",
                    "basefont",
                    "bgsound",
                    "body",
                    "br",
                    "head",
                    "html",
                    "iframe",
                    "link",
                    "meta",
                    "noembed",
                    "noframes",
                    "noscript",
                    "plaintext",
                    "script",
                    "style",
                    "template",
                    "textarea",
                    "title",
                    "xmp");

    private static final Set<String> KNOWN_ATTRIBUTES =
            Set.of("href", "rel", "name", "content", "charset", "http-equiv", "property");

    private static final String[][] TAGS = byLength(KNOWN_TAGS);
    private static final String[][] ATTRIBUTES = byLength(KNOWN_ATTRIBUTES);

    private TagNames() {}

    /**
     * The name of the tag at {@code html[start, end)}, lower case, if known; else {@link #OTHER}.
     */
    static String tag(String html, int start, int end) {
        String known = known(TAGS, html, start, end);
        if (known != null) {
            return known;
        }
        String lower = slowLower(html, start, end);
        return lower != null && KNOWN_TAGS.contains(lower) ? lower : OTHER;
    }

    /** The name of the attribute at {@code html[start, end)}, lower case. */
    static String attribute(String html, int start, int end) {
        String known = known(ATTRIBUTES, html, start, end);
        return known != null ? known : html.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** The known name an ASCII name matches, ignoring case. */
    private static String known(String[][] byLength, String html, int start, int end) {
        int len = end - start;
        if (len >= byLength.length) {
            return null;
        }
        candidates:
        for (String k : byLength[len]) {
            for (int i = 0; i < len; i++) {
                char c = html.charAt(start + i);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
                if (c != k.charAt(i)) {
                    continue candidates;
                }
            }
            return k;
        }
        return null;
    }

    /** The lower case of a name with a non-ASCII character (which may lower to ASCII), or null. */
    private static String slowLower(String html, int start, int end) {
        for (int i = start; i < end; i++) {
            if (html.charAt(i) >= 128) {
                return html.substring(start, end).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String[][] byLength(Set<String> names) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        String[][] out = new String[longest + 1][];
        for (int len = 0; len <= longest; len++) {
            int l = len;
            out[len] = names.stream().filter(n -> n.length() == l).sorted().toArray(String[]::new);
        }
        return out;
    }
}
