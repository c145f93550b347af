package dev.crawler.parse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.internal.StringUtil;

/**
 * The light parse of a page no handler reads: its text decoded as jsoup would decode it (a byte
 * order mark first, then the server's charset, then a {@code <meta>} charset in the first 5 KB,
 * else UTF-8), then one {@link HtmlScanner} pass for links, title, description, canonical, robots
 * directives and {@code <base href>}, without building a document (which costs several times the
 * page in memory and most of the parse's CPU). Stateless.
 */
final class LightParse {
    /** How much of a page is searched for a {@code <meta>} charset, as jsoup does. */
    private static final int META_WINDOW = 5 * 1024;

    private LightParse() {}

    static ParsedPage scan(byte[] body, Optional<Charset> declared, URI url, int maxLinks) {
        int skip = 0;
        Charset charset;
        Optional<Charset> bom = bom(body);
        if (bom.isPresent()) {
            charset = bom.get();
            skip = charset == StandardCharsets.UTF_8 ? 3 : 2;
        } else {
            charset = declared.or(() -> metaCharset(body)).orElse(StandardCharsets.UTF_8);
        }
        // The scan reads UTF-8 and single-byte charsets as they are; other text is made UTF-8
        // first.
        byte[] html = body;
        int from = skip;
        if (!readsAsIs(charset)) {
            html = new String(body, skip, body.length - skip, charset).getBytes(UTF_8);
            charset = UTF_8;
            from = 0;
        }
        // As jsoup: every link resolves against the first <base href> (resolved), wherever it is.
        // The pass assumes the page's own URL and stops at a <base> that says otherwise, to start
        // again from it: one pass for the pages without one (most), two for the others.
        String page = url.toString();
        Facts facts = new Facts(page, new JsoupPageParser.Extract(url, maxLinks), maxLinks);
        HtmlScanner.scan(html, from, html.length, charset, facts);
        if (facts.otherBase != null) {
            String base = facts.otherBase;
            facts = new Facts(page, new JsoupPageParser.Extract(base, maxLinks), maxLinks);
            HtmlScanner.scan(html, from, html.length, charset, facts);
        }
        return facts.x.page(StringUtil.normaliseWhitespace(facts.title).trim().strip());
    }

    /**
     * Whether the scan can read text in {@code charset} without decoding it first: no byte of a
     * character that is not ASCII is an ASCII byte, and every ASCII byte is itself.
     */
    private static boolean readsAsIs(Charset charset) {
        return charset.equals(UTF_8)
                || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.equals(StandardCharsets.US_ASCII)
                || charset.name().equals("windows-1252");
    }

    /** What the page's facts come from, taken as the scan finds them. */
    private static final class Facts implements ScanVisitor {
        final JsoupPageParser.Extract x;
        private final String pageUrl;
        private final int maxLinks;
        private boolean baseSeen;

        /** The page's first {@code <base href>} when it is not the base this pass assumed. */
        String otherBase;

        String title = "";

        Facts(String pageUrl, JsoupPageParser.Extract x, int maxLinks) {
            this.x = x;
            this.pageUrl = pageUrl;
            this.maxLinks = maxLinks;
        }

        @Override
        public boolean wants(String tag) {
            return switch (tag) {
                case "a", "area" -> x.links() < maxLinks; // past the limit, no more are read
                case "meta", "link" -> true;
                case "base" -> !baseSeen;
                default -> false;
            };
        }

        @Override
        public void startTag(String name, TagAttributes attributes) {
            if (name.equals("base")) {
                String h = attributes.get("href");
                String resolved = h == null ? "" : StringUtil.resolve(pageUrl, h);
                if (!resolved.isEmpty()) {
                    baseSeen = true;
                    otherBase = resolved.equals(x.base()) ? null : resolved;
                }
                return;
            }
            x.visit(name, attributes::get);
        }

        @Override
        public void title(String text) {
            title = text;
        }

        @Override
        public boolean done() {
            return otherBase != null;
        }
    }

    /**
     * What {@code take} says of the first {@code tag} of {@code html} it says anything of (not
     * null), by a scan that stops there.
     */
    private static Optional<String> first(
            byte[] html, int length, String tag, Function<TagAttributes, String> take) {
        String[] found = {null};
        HtmlScanner.scan(
                html,
                0,
                length,
                StandardCharsets.ISO_8859_1,
                new ScanVisitor() {
                    @Override
                    public boolean wants(String name) {
                        return name.equals(tag);
                    }

                    @Override
                    public void startTag(String name, TagAttributes a) {
                        found[0] = take.apply(a);
                    }

                    @Override
                    public void title(String text) {}

                    @Override
                    public boolean done() {
                        return found[0] != null;
                    }
                });
        return Optional.ofNullable(found[0]);
    }

    /** The charset a byte order mark says, if the page starts with one. */
    private static Optional<Charset> bom(byte[] b) {
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

    /**
     * The charset of the first {@code <meta charset>} or {@code <meta http-equiv="Content-Type"
     * content="...; charset=...">} in the page's first 5 KB, when Java knows it.
     */
    private static Optional<Charset> metaCharset(byte[] body) {
        String head =
                new String(
                        body, 0, Math.min(body.length, META_WINDOW), StandardCharsets.ISO_8859_1);
        String[] found = {null};
        if (head.indexOf("<meta") >= 0
                || head.indexOf("<META") >= 0
                || head.indexOf("<Meta") >= 0) {
            // as jsoup: meta[http-equiv=content-type], meta[charset], the first that names one
            found[0] =
                    first(
                                    body,
                                    head.length(),
                                    "meta",
                                    a -> {
                                        String equiv = a.get("http-equiv");
                                        if (!"content-type".equalsIgnoreCase(equiv)
                                                && !a.has("charset")) {
                                            return null;
                                        }
                                        String content = a.get("content");
                                        String cs =
                                                equiv == null
                                                        ? null
                                                        : fromContentType(
                                                                content == null ? "" : content);
                                        return cs != null ? cs : a.get("charset");
                                    })
                            .orElse(null);
        }
        if (found[0] == null) {
            Matcher xml = XML_ENCODING.matcher(head);
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

    private static Optional<Charset> supported(String name) {
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
