package dev.crawler.parse;

import java.nio.charset.Charset;
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

    /** Elements whose content is text up to their end tag, never markup. */
    static final Set<String> RAW_TEXT =
            Set.of("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes");

    /** Elements that stay in the head (others, and text, start the body). */
    static final Set<String> HEAD_ELEMENTS =
            Set.of(
                    "html",
                    "head",
                    "base",
                    "basefont",
                    "bgsound",
                    "link",
                    "meta",
                    "noframes",
                    "script",
                    "style",
                    "template",
                    "title",
                    "noscript");

    /** What a {@code <noscript>} in the head still reads as markup. */
    static final Set<String> HEAD_NOSCRIPT =
            Set.of("basefont", "bgsound", "link", "meta", "noframes", "style");

    private static final Set<String> KNOWN_ATTRIBUTES =
            Set.of("href", "rel", "name", "content", "charset", "http-equiv", "property");

    private static final String[][] TAGS = byLength(KNOWN_TAGS);
    private static final String[][] ATTRIBUTES = byLength(KNOWN_ATTRIBUTES);

    private TagNames() {}

    /**
     * The name of the tag at {@code html[start, end)}, text in {@code charset}, lower case, if
     * known; else {@link #OTHER}.
     */
    static String tag(byte[] html, int start, int end, Charset charset) {
        String known = known(TAGS, html, start, end);
        if (known != null) {
            return known;
        }
        String lower = slowLower(html, start, end, charset);
        return lower != null && KNOWN_TAGS.contains(lower) ? lower : OTHER;
    }

    /**
     * The name of the attribute at {@code html[start, end)}, text in {@code charset}, lower case.
     */
    static String attribute(byte[] html, int start, int end, Charset charset) {
        String known = known(ATTRIBUTES, html, start, end);
        return known != null
                ? known
                : new String(html, start, end - start, charset).toLowerCase(Locale.ROOT);
    }

    /** The known name an ASCII name matches, ignoring case. */
    private static String known(String[][] byLength, byte[] html, int start, int end) {
        int len = end - start;
        if (len >= byLength.length) {
            return null;
        }
        for (String k : byLength[len]) {
            if (AsciiBytes.namedAt(html, end, start, k)) {
                return k;
            }
        }
        return null;
    }

    /** The lower case of a name with a non-ASCII character (which may lower to ASCII), or null. */
    private static String slowLower(byte[] html, int start, int end, Charset charset) {
        for (int i = start; i < end; i++) {
            if (html[i] < 0) {
                return new String(html, start, end - start, charset).toLowerCase(Locale.ROOT);
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
