package dev.crawler.parse;

import java.nio.charset.Charset;
import org.jsoup.parser.Parser;

/**
 * A single pass over an HTML page's bytes that finds what the crawler takes from a page without
 * building a document: start tags with their attributes, and the text of the head's {@code
 * <title>}. It tokenizes as a browser does where it matters for that (comments, doctype, raw-text
 * elements such as {@code <script>} and {@code <style>} whose content is not markup, quoted and
 * unquoted attributes, the first of two attributes of one name, character references) and knows
 * where the head ends, since only a title in the head is the page's title. It reads the bytes of an
 * ASCII-compatible encoding in which no byte of a multi-byte character is an ASCII one (UTF-8 or a
 * single-byte charset), and decodes only the names and values it keeps: decoding a whole page into
 * a string was the largest part of the scan, and that string held up to twice the page's size in
 * memory. It knows nothing of SVG and MathML content, where jsoup reads a {@code <title>}, {@code
 * <style>} or {@code <textarea>} as markup, not text: the two differ only when such an element
 * holds markup or is never closed. Not thread-safe: one per page.
 */
final class HtmlScanner {

    private final TagAttributes attributes = new TagAttributes();
    private final RawText rawText;

    private final byte[] html;
    private final Charset charset;
    private final ScanVisitor visitor;
    private final int n;
    private int pos;
    private boolean inHead = true;
    private boolean inHeadNoscript; // a <noscript> in the head: its markup is text, but for these
    private boolean titleSeen;
    private int headTemplates; // <template>s open in the head: their content stays in the head

    private HtmlScanner(byte[] html, int from, int to, Charset charset, ScanVisitor visitor) {
        this.html = html;
        this.charset = charset;
        this.visitor = visitor;
        this.pos = from;
        this.n = to;
        this.rawText = new RawText(html, to);
    }

    /**
     * Scans {@code html[from, to)}, text in {@code charset} (see above), reporting to {@code
     * visitor}.
     */
    static void scan(byte[] html, int from, int to, Charset charset, ScanVisitor visitor) {
        new HtmlScanner(html, from, to, charset, visitor).run();
    }

    private void run() {
        while (pos < n && !visitor.done()) {
            int lt = AsciiBytes.indexOf(html, n, '<', pos);
            text(pos, lt < 0 ? n : lt);
            if (lt < 0) {
                return;
            }
            pos = lt + 1;
            if (pos >= n) {
                return;
            }
            byte c = html[pos];
            if (c == '!') {
                markupDeclaration();
            } else if (c == '?') {
                pos = skipPast('>', pos); // a bogus comment
            } else if (c == '/') {
                endTag();
            } else if (AsciiBytes.isLetter(c)) {
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
            byte c = html[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                inHead = false;
                return;
            }
        }
    }

    private void markupDeclaration() {
        if (AsciiBytes.startsWith(html, n, "!--", pos)) {
            int start = pos + 3;
            if (AsciiBytes.startsWith(html, n, ">", start)) {
                pos = start + 1; // <!-->
            } else if (AsciiBytes.startsWith(html, n, "->", start)) {
                pos = start + 2; // <!--->
            } else {
                int end = AsciiBytes.indexOf(html, n, "-->", start);
                // a "--!>" only counts before the "-->": searched up to it, not to the end of the
                // page for every comment (quadratic on a page of many comments)
                int bang = AsciiBytes.indexOf(html, end < 0 ? n : end, "--!>", start);
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
        if (start >= n || !AsciiBytes.isLetter(html[start])) {
            // "</>" is dropped; "</ ..." and the like are a bogus comment
            pos = start < n && html[start] == '>' ? start + 1 : skipPast('>', start);
            return;
        }
        int end = nameEnd(start);
        String name = TagNames.tag(html, start, end, charset);
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
        String name = TagNames.tag(html, pos, end, charset);
        pos = end;
        boolean wanted = visitor.wants(name);
        attributes(wanted);
        if (!closed) {
            return; // a tag cut off by the end of the page is dropped
        }
        boolean other = name.isEmpty(); // TagNames.OTHER: in none of the sets below
        if (inHeadNoscript && (other || !TagNames.HEAD_NOSCRIPT.contains(name))) {
            return; // text, in a browser without scripts
        }
        if (inHead && headTemplates == 0 && (other || !TagNames.HEAD_ELEMENTS.contains(name))) {
            inHead = false;
        }
        if (inHead && name.equals("template")) {
            headTemplates++;
        }
        if (inHead && headTemplates == 0 && name.equals("noscript")) {
            inHeadNoscript = true;
        }
        if (wanted) {
            visitor.startTag(name, attributes, pos);
        }
        if (name.equals("plaintext")) {
            pos = n; // the rest of the page is text
        } else if (!other && TagNames.RAW_TEXT.contains(name)) {
            int close = rawText.end(name, pos);
            if (name.equals("title") && inHead && !titleSeen) {
                titleSeen = true;
                visitor.title(Parser.unescapeEntities(decoded(pos, close), false));
            }
            pos = close;
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
            while (pos < n && (AsciiBytes.isSpace(html[pos]) || html[pos] == '/')) pos++;
            if (pos >= n) {
                return;
            }
            if (html[pos] == '>') {
                pos++;
                closed = true;
                return;
            }
            int start = pos;
            pos++; // the first character belongs to the name, even '='
            while (pos < n) {
                byte c = html[pos];
                if (AsciiBytes.isSpace(c) || c == '/' || c == '>' || c == '=') break;
                pos++;
            }
            int nameEnd = pos;
            while (pos < n && AsciiBytes.isSpace(html[pos])) pos++;
            int valueStart = pos;
            int valueEnd = pos;
            if (pos < n && html[pos] == '=') {
                pos++;
                while (pos < n && AsciiBytes.isSpace(html[pos])) pos++;
                valueStart = pos;
                valueEnd = valueEnd();
                if (valueStart < n && (html[valueStart] == '"' || html[valueStart] == '\'')) {
                    valueStart++;
                }
            }
            if (keep) {
                String raw = decoded(valueStart, valueEnd);
                attributes.add(
                        TagNames.attribute(html, start, nameEnd, charset),
                        raw.indexOf('&') < 0 ? raw : Parser.unescapeEntities(raw, true));
            }
        }
    }

    /** Reads an attribute value at {@link #pos}; where its text ends. */
    private int valueEnd() {
        if (pos >= n) {
            return pos;
        }
        byte q = html[pos];
        if (q == '"' || q == '\'') {
            int end = AsciiBytes.indexOf(html, n, (char) q, pos + 1);
            if (end < 0) {
                end = n;
            }
            pos = Math.min(n, end + 1);
            return end;
        }
        while (pos < n && !AsciiBytes.isSpace(html[pos]) && html[pos] != '>') pos++;
        return pos;
    }

    private int nameEnd(int from) {
        int i = from;
        while (i < n && !AsciiBytes.isTagNameEnd(html[i])) i++;
        return i;
    }

    private int skipPast(char c, int from) {
        int i = AsciiBytes.indexOf(html, n, c, from);
        return i < 0 ? n : i + 1;
    }

    /**
     * The text of {@code html[from, to)}: bounded by ASCII, so decoded as the whole page would be.
     */
    private String decoded(int from, int to) {
        return new String(html, from, to - from, charset);
    }
}
