package dev.crawler.parse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jsoup.internal.StringUtil;

/**
 * The light parse of a page no handler reads: its text read in the charset jsoup would decode it
 * with (a byte order mark first, then the server's charset, then a {@code <meta>} charset in the
 * first 5 KB, else UTF-8: {@link PageCharset}), in one {@link HtmlScanner} pass for links, title,
 * description, canonical, robots directives and {@code <base href>}, without building a document
 * (which costs several times the page in memory and most of the parse's CPU). Stateless.
 */
final class LightParse {
    private LightParse() {}

    static ParsedPage scan(byte[] body, Optional<Charset> declared, URI url, int maxLinks) {
        Optional<Charset> bom = PageCharset.bom(body);
        Facts facts;
        if (bom.isPresent()) {
            facts = passes(body, bom.get() == UTF_8 ? 3 : 2, bom.get(), url, maxLinks, false);
        } else if (declared.isPresent()) {
            facts = passes(body, 0, declared.get(), url, maxLinks, false);
        } else if (PageCharset.xmlDeclarationFirst(body)) {
            Charset charset = PageCharset.metaCharset(body).orElse(UTF_8);
            facts = passes(body, 0, charset, url, maxLinks, false);
        } else {
            // UTF-8 until a <meta> in the first 5 KB says otherwise (jsoup's rule): the scan
            // watches for it instead of a scan of its own, and starts again when it names another
            facts = passes(body, 0, UTF_8, url, maxLinks, true);
            if (facts.otherCharset != null) {
                facts = passes(body, 0, facts.otherCharset, url, maxLinks, false);
            }
        }
        return facts.x.page(StringUtil.normaliseWhitespace(facts.title).trim().strip());
    }

    /** The scan of {@code body[from...]} as text in {@code charset}, once more after a base. */
    private static Facts passes(
            byte[] body, int from, Charset charset, URI url, int maxLinks, boolean watch) {
        // The scan reads UTF-8 and single-byte charsets as they are; other text is made UTF-8
        // first.
        byte[] html = body;
        if (!readsAsIs(charset)) {
            html = new String(body, from, body.length - from, charset).getBytes(UTF_8);
            charset = UTF_8;
            from = 0;
        }
        // As jsoup: every link resolves against the first <base href> (resolved), wherever it is.
        // The pass assumes the page's own URL and stops at a <base> that says otherwise, to start
        // again from it: one pass for the pages without one (most), two for the others.
        String page = url.toString();
        Facts facts = new Facts(page, new JsoupPageParser.Extract(url, maxLinks), maxLinks, watch);
        HtmlScanner.scan(html, from, html.length, charset, facts);
        if (facts.otherBase != null && facts.otherCharset == null) {
            String base = facts.otherBase;
            facts = new Facts(page, new JsoupPageParser.Extract(base, maxLinks), maxLinks, watch);
            HtmlScanner.scan(html, from, html.length, charset, facts);
        }
        return facts;
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

        /**
         * Whether the first {@code <meta>} in the first 5 KB that names a charset is looked for.
         */
        private final boolean watchCharset;

        private boolean charsetNamed;

        /**
         * The charset that {@code <meta>} names, when it is not UTF-8, the one this pass assumed.
         */
        Charset otherCharset;

        String title = "";

        Facts(String pageUrl, JsoupPageParser.Extract x, int maxLinks, boolean watchCharset) {
            this.x = x;
            this.pageUrl = pageUrl;
            this.maxLinks = maxLinks;
            this.watchCharset = watchCharset;
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
        public void startTag(String name, TagAttributes attributes, int end) {
            if (watchCharset
                    && !charsetNamed
                    && name.equals("meta")
                    && end <= PageCharset.META_WINDOW) {
                // as a scan of the first 5 KB alone would see it: a tag that ends past them not
                String named = PageCharset.named(attributes);
                if (named != null) {
                    charsetNamed = true;
                    otherCharset =
                            PageCharset.supported(named).filter(c -> !c.equals(UTF_8)).orElse(null);
                }
            }
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
            return otherBase != null || otherCharset != null;
        }
    }
}
