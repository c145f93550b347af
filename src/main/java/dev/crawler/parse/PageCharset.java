package dev.crawler.parse;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jsoup's rules for the charset of a page its server did not name: a byte order mark, else the
 * first {@code <meta charset>} or {@code <meta http-equiv="Content-Type" content="...;
 * charset=...">} of the first 5 KB, else an XML declaration's encoding, else UTF-8. Stateless.
 */
final class PageCharset {
    /** How much of a page is searched for a {@code <meta>} charset, as jsoup does. */
    static final int META_WINDOW = 5 * 1024;

    private PageCharset() {}

    /** The charset a byte order mark says, if the page starts with one. */
    static Optional<Charset> bom(byte[] b) {
        if (b.length >= 3
                && (b[0] & 0xff) == 0xef
                && (b[1] & 0xff) == 0xbb
                && (b[2] & 0xff) == 0xbf) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    /** Whether the page starts with an XML declaration (whose encoding may name its charset). */
    static boolean xmlDeclarationFirst(byte[] body) {
        return AsciiBytes.startsWith(body, body.length, "<?xml", 0);
    }

    /**
     * The charset name a {@code <meta>} tag gives, as jsoup reads it (meta[http-equiv=content-type]
     * by its content, else meta[charset]); null when it names none.
     */
    static String named(TagAttributes a) {
        String equiv = a.get("http-equiv");
        if (!"content-type".equalsIgnoreCase(equiv) && !a.has("charset")) {
            return null;
        }
        String content = a.get("content");
        String cs = equiv == null ? null : fromContentType(content == null ? "" : content);
        return cs != null ? cs : a.get("charset");
    }

    /**
     * The charset the first 5 KB of {@code body} name, by a scan of their own: their first {@code
     * <meta>} that names one, else an XML declaration's encoding; when Java knows it.
     */
    static Optional<Charset> metaCharset(byte[] body) {
        int window = Math.min(body.length, META_WINDOW);
        String[] found = {null};
        HtmlScanner.scan(
                body,
                0,
                window,
                StandardCharsets.ISO_8859_1,
                new ScanVisitor() {
                    @Override
                    public boolean wants(String name) {
                        return name.equals("meta");
                    }

                    @Override
                    public void startTag(String name, TagAttributes a, int end) {
                        found[0] = named(a);
                    }

                    @Override
                    public void title(String text) {}

                    @Override
                    public boolean done() {
                        return found[0] != null;
                    }
                });
        if (found[0] == null) {
            Matcher xml =
                    XML_ENCODING.matcher(new String(body, 0, window, StandardCharsets.ISO_8859_1));
            if (xml.find()) {
                found[0] = xml.group(1);
            }
        }
        return found[0] == null ? Optional.empty() : supported(found[0]);
    }

    /** jsoup's reading of a Content-Type's charset. */
    private static final Pattern CHARSET =
            Pattern.compile("(?i)\\bcharset=\\s*(?:[\"'])?([^\\s,;\"']*)");

    private static final Pattern XML_ENCODING =
            Pattern.compile("^<\\?xml[^>]*\\bencoding\\s*=\\s*[\"']([^\"']*)[\"']");

    private static String fromContentType(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    /** The charset of {@code name}, when Java knows it. */
    static Optional<Charset> supported(String name) {
        String n = name.strip().replace("\"", "").replace("'", "");
        try {
            return n.isEmpty() || !Charset.isSupported(n)
                    ? Optional.empty()
                    : Optional.of(Charset.forName(n));
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }
}
