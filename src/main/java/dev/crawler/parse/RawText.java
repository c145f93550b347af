package dev.crawler.parse;

import static dev.crawler.parse.AsciiBytes.indexOf;
import static dev.crawler.parse.AsciiBytes.isLetter;
import static dev.crawler.parse.AsciiBytes.isTagNameEnd;
import static dev.crawler.parse.AsciiBytes.namedAt;

import java.util.Locale;

/**
 * Where the text of a raw-text element ({@code <script>}, {@code <title>} and the like) ends in a
 * page's bytes, for the {@link HtmlScanner}: at its end tag, else as jsoup ends it. One per page:
 * it remembers what it searched the page for.
 */
final class RawText {
    private final byte[] html;
    private final int n;

    RawText(byte[] html, int n) {
        this.html = html;
        this.n = n;
    }

    /** Where the raw text of {@code name} that starts at {@code pos} ends. */
    int end(String name, int pos) {
        return name.equals("title") || name.equals("textarea")
                ? escapableEnd(name, pos)
                : closed(name, pos);
    }

    /**
     * Where the text of a script, style and the like ends: at its end tag (its name in any case,
     * then a space, {@code /} or {@code >}), else at the end of the page.
     */
    private int closed(String name, int pos) {
        int from = pos;
        while (true) {
            int lt = indexOf(html, n, "</", from);
            if (lt < 0) {
                return n;
            }
            int after = lt + 2 + name.length();
            if (namedAt(html, n, lt + 2, name) && (after >= n || isTagNameEnd(html[after]))) {
                return lt;
            }
            from = lt + 2;
        }
    }

    /**
     * Where {@code "</title"}, {@code "</TITLE"}, {@code "</textarea"} and {@code "</TEXTAREA"}
     * were next found, -1 if nowhere after where they were searched from, -2 not searched for yet:
     * each is searched for from where it was last found on, so that all searches read the page
     * once.
     */
    private final int[] endTexts = {-2, -2, -2, -2};

    /**
     * Where the text of a title or a text area ends, read as jsoup's tokenizer reads it: an end
     * tag's name runs from its first letter to a space, {@code /} or {@code >} (a {@code <}
     * included, unlike in a script's text); the text ends at its own end tag, or, as jsoup ends one
     * that no end tag closes, at the first {@code <} and letter after which the page has no {@code
     * "</name"} in lower or upper case; else at the end of the page. (jsoup asks the latter only of
     * what it has read into its buffer of 32 K characters, so on a longer page it may keep more of
     * it as text.) Each call reads no further than where it ends: linear in all.
     */
    private int escapableEnd(String name, int pos) {
        int i = pos;
        while (true) {
            int lt = indexOf(html, n, '<', i);
            if (lt < 0 || lt + 1 >= n) {
                return n;
            }
            byte c = html[lt + 1];
            if (c == '/') {
                int j = lt + 2;
                if (j < n && isLetter(html[j])) {
                    j++;
                    if (j < n && isLetter(html[j])) {
                        while (j < n && !isTagNameEnd(html[j])) j++;
                    }
                    if (j < n && j - (lt + 2) == name.length() && namedAt(html, n, lt + 2, name)) {
                        return lt;
                    }
                }
                i = j;
            } else if (isLetter(c) && !endTextFollows(name, lt + 1)) {
                return lt;
            } else {
                i = lt + 1;
            }
        }
    }

    /** Whether {@code "</name"} in lower or upper case is found from {@code from} on. */
    private boolean endTextFollows(String name, int from) {
        int k = name.equals("title") ? 0 : 2;
        return follows(k, "</" + name, from)
                || follows(k + 1, "</" + name.toUpperCase(Locale.ROOT), from);
    }

    private boolean follows(int k, String seq, int from) {
        int last = endTexts[k];
        if (last == -1 || last >= from) {
            return last >= from;
        }
        endTexts[k] = indexOf(html, n, seq, from);
        return endTexts[k] >= 0;
    }
}
