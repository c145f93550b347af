package dev.crawler.parse;

import java.util.Set;
import org.jsoup.parser.Parser;

/**
 * A single pass over an HTML page's text that finds what the crawler takes from a page without
 * building a document: start tags with their attributes, and the text of the head's {@code
 * <title>}. It tokenizes as a browser does where it matters for that (comments, doctype, raw-text
 * elements such as {@code <script>} and {@code <style>} whose content is not markup, quoted and
 * unquoted attributes, the first of two attributes of one name, character references) and knows
 * where the head ends, since only a title in the head is the page's title. Not thread-safe: one per
 * page.
 */
final class HtmlScanner {

    private final TagAttributes attributes = new TagAttributes();

    /** Elements whose content is text up to their end tag, never markup. */
    private static final Set<String> RAW_TEXT =
            Set.of("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes");

    /** Elements that stay in the head (others, and text, start the body). */
    private static final Set<String> HEAD_ELEMENTS =
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

    private final String html;
    private final ScanVisitor visitor;
    private final int n;
    private int pos;
    private boolean inHead = true;
    private boolean inHeadNoscript; // a <noscript> in the head: its markup is text, but for these
    private boolean titleSeen;
    private int headTemplates; // <template>s open in the head: their content stays in the head

    /** What a {@code <noscript>} in the head still reads as markup. */
    private static final Set<String> HEAD_NOSCRIPT =
            Set.of("basefont", "bgsound", "link", "meta", "noframes", "style");

    private HtmlScanner(String html, ScanVisitor visitor) {
        this.html = html;
        this.visitor = visitor;
        this.n = html.length();
    }

    /** Scans {@code html}, reporting to {@code visitor}. */
    static void scan(String html, ScanVisitor visitor) {
        new HtmlScanner(html, visitor).run();
    }

    private void run() {
        while (pos < n && !visitor.done()) {
            int lt = html.indexOf('<', pos);
            text(pos, lt < 0 ? n : lt);
            if (lt < 0) {
                return;
            }
            pos = lt + 1;
            if (pos >= n) {
                return;
            }
            char c = html.charAt(pos);
            if (c == '!') {
                markupDeclaration();
            } else if (c == '?') {
                pos = skipPast('>', pos); // a bogus comment
            } else if (c == '/') {
                endTag();
            } else if (isLetter(c)) {
                startTag();
            }
            // else: a '<' that starts nothing is text
        }
    }

    /** Text between tags: any that is not white space starts the body. */
    private void text(int from, int to) {
        if (!inHead || inHeadNoscript || headTemplates > 0) {
            return;
        }
        for (int i = from; i < to; i++) {
            char c = html.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                inHead = false;
                return;
            }
        }
    }

    private void markupDeclaration() {
        if (html.startsWith("!--", pos)) {
            int start = pos + 3;
            if (html.startsWith(">", start)) {
                pos = start + 1; // <!-->
            } else if (html.startsWith("->", start)) {
                pos = start + 2; // <!--->
            } else {
                int end = html.indexOf("-->", start);
                int bang = html.indexOf("--!>", start);
                if (bang >= 0 && (end < 0 || bang < end)) {
                    pos = bang + 4;
                } else {
                    pos = end < 0 ? n : end + 3;
                }
            }
            return;
        }
        pos = skipPast('>', pos); // doctype, CDATA outside foreign content: up to '>'
    }

    private void endTag() {
        int start = pos + 1;
        if (start >= n || !isLetter(html.charAt(start))) {
            // "</>" is dropped; "</ ..." and the like are a bogus comment
            pos = start < n && html.charAt(start) == '>' ? start + 1 : skipPast('>', start);
            return;
        }
        int end = nameEnd(start);
        String name = TagNames.tag(html, start, end);
        if (inHeadNoscript) {
            inHeadNoscript = !name.equals("noscript");
        } else if (headTemplates > 0) {
            headTemplates -= name.equals("template") ? 1 : 0;
        } else if (name.equals("body") || name.equals("html") || name.equals("br")) {
            inHead = false;
        }
        pos = end;
        attributes(false); // an end tag's attributes are read, and dropped
    }

    private void startTag() {
        int end = nameEnd(pos);
        String name = TagNames.tag(html, pos, end);
        pos = end;
        boolean wanted = visitor.wants(name);
        attributes(wanted);
        if (!closed) {
            return; // a tag cut off by the end of the page is dropped
        }
        boolean other = name.isEmpty(); // TagNames.OTHER: in none of the sets below
        if (inHeadNoscript && (other || !HEAD_NOSCRIPT.contains(name))) {
            return; // text, in a browser without scripts
        }
        if (inHead && headTemplates == 0 && (other || !HEAD_ELEMENTS.contains(name))) {
            inHead = false;
        }
        if (inHead && name.equals("template")) {
            headTemplates++;
        }
        if (inHead && headTemplates == 0 && name.equals("noscript")) {
            inHeadNoscript = true;
        }
        if (wanted) {
            visitor.startTag(name, attributes);
        }
        if (name.equals("plaintext")) {
            pos = n; // the rest of the page is text
        } else if (!other && RAW_TEXT.contains(name)) {
            int close = rawTextEnd(name);
            if (name.equals("title") && inHead && !titleSeen) {
                titleSeen = true;
                visitor.title(Parser.unescapeEntities(html.substring(pos, close), false));
            }
            pos = close;
        }
    }

    /** Where the raw text of {@code name} ends: at its end tag, or at the end of the page. */
    private int rawTextEnd(String name) {
        int from = pos;
        while (true) {
            int lt = html.indexOf("</", from);
            if (lt < 0) {
                return n;
            }
            int after = lt + 2 + name.length();
            if (html.regionMatches(true, lt + 2, name, 0, name.length())
                    && (after >= n || isTagNameEnd(html.charAt(after)))) {
                return lt;
            }
            from = lt + 2;
        }
    }

    /** Whether the last tag read ended with its {@code >} (not with the end of the page). */
    private boolean closed;

    /**
     * Reads the attributes of the tag being read, up to and past its {@code >}; into {@link
     * #attributes} when {@code keep}.
     */
    private void attributes(boolean keep) {
        attributes.clear();
        closed = false;
        while (true) {
            while (pos < n && (isSpace(html.charAt(pos)) || html.charAt(pos) == '/')) pos++;
            if (pos >= n) {
                return;
            }
            if (html.charAt(pos) == '>') {
                pos++;
                closed = true;
                return;
            }
            int start = pos;
            pos++; // the first character belongs to the name, even '='
            while (pos < n) {
                char c = html.charAt(pos);
                if (isSpace(c) || c == '/' || c == '>' || c == '=') break;
                pos++;
            }
            int nameEnd = pos;
            while (pos < n && isSpace(html.charAt(pos))) pos++;
            int valueStart = pos;
            int valueEnd = pos;
            if (pos < n && html.charAt(pos) == '=') {
                pos++;
                while (pos < n && isSpace(html.charAt(pos))) pos++;
                valueStart = pos;
                valueEnd = valueEnd();
                if (valueStart < n
                        && (html.charAt(valueStart) == '"' || html.charAt(valueStart) == '\'')) {
                    valueStart++;
                }
            }
            if (keep) {
                String raw = html.substring(valueStart, valueEnd);
                attributes.add(
                        TagNames.attribute(html, start, nameEnd),
                        raw.indexOf('&') < 0 ? raw : Parser.unescapeEntities(raw, true));
            }
        }
    }

    /** Reads an attribute value at {@link #pos}; where its text ends. */
    private int valueEnd() {
        if (pos >= n) {
            return pos;
        }
        char q = html.charAt(pos);
        if (q == '"' || q == '\'') {
            int end = html.indexOf(q, pos + 1);
            if (end < 0) {
                end = n;
            }
            pos = Math.min(n, end + 1);
            return end;
        }
        while (pos < n && !isSpace(html.charAt(pos)) && html.charAt(pos) != '>') pos++;
        return pos;
    }

    private int nameEnd(int from) {
        int i = from;
        while (i < n && !isTagNameEnd(html.charAt(i))) i++;
        return i;
    }

    private int skipPast(char c, int from) {
        int i = html.indexOf(c, from);
        return i < 0 ? n : i + 1;
    }

    private static boolean isTagNameEnd(char c) {
        return isSpace(c) || c == '/' || c == '>';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
