package dev.crawler.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Parses HTML with jsoup, which copes with malformed markup as browsers do, detects the charset
 * from a BOM or {@code <meta charset>} when the server did not declare one, and honours {@code
 * <base href>}. Stateless and thread-safe.
 */
public final class JsoupPageParser implements PageParser {
    private final int maxLinks;

    /** A parser that takes at most {@code maxLinks} distinct links from a page. */
    public JsoupPageParser(int maxLinks) {
        if (maxLinks < 1) throw new IllegalArgumentException("maxLinks < 1: " + maxLinks);
        this.maxLinks = maxLinks;
    }

    /** A parser that takes every link. */
    public JsoupPageParser() {
        this(Integer.MAX_VALUE);
    }

    @Override
    public Document read(byte[] body, Optional<Charset> charset, URI baseUrl) {
        try {
            return Jsoup.parse(
                    new ByteArrayInputStream(body),
                    charset.map(Charset::name).orElse(null),
                    baseUrl.toString());
        } catch (IOException e) {
            // Reading a byte array cannot fail; keep the signature honest anyway.
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ParsedPage parse(Document doc) {
        // One pass over the tree for everything we take: a CSS select per item would walk the
        // whole document each time (profiled: four walks cost almost as much as the parse), and
        // a second walk for the text cost 5% of a crawl's CPU.
        Extract x = new Extract(origin(doc.location()), maxLinks);
        Element bodyElement = doc.body();
        TextLength text = new TextLength();
        doc.traverse(
                new NodeVisitor() {
                    private boolean inBody;

                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof Element e) {
                            x.visit(e);
                            inBody |= e == bodyElement;
                        } else if (inBody && node instanceof TextNode t) {
                            text.add(t.getWholeText());
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node == bodyElement) {
                            inBody = false;
                        }
                    }
                });
        return new ParsedPage(
                doc.title().strip(),
                x.description,
                x.canonical,
                x.links.stream().toList(),
                text.length(),
                x.directives);
    }

    /**
     * Characters of visible text, each run of whitespace counted as one: what {@code
     * body.text().length()} gives, give or take the spaces jsoup adds between blocks, without
     * building the string (profiled at 9% of a crawl's CPU). Fed text node by text node in document
     * order; confined to the parsing thread.
     */
    static final class TextLength {
        private int count;
        private boolean space = true; // leading whitespace is not counted

        void add(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0') {
                    if (!space) {
                        count++;
                        space = true;
                    }
                } else {
                    count++;
                    space = false;
                }
            }
        }

        int length() {
            return space && count > 0 ? count - 1 : count; // no trailing space
        }
    }

    /** {@code scheme://authority} of the page's base URL, when it has one. */
    private static Optional<String> origin(String base) {
        try {
            URI u = new URI(base);
            return u.getScheme() != null && u.getRawAuthority() != null
                    ? Optional.of(u.getScheme() + "://" + u.getRawAuthority())
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** What one traversal collects; confined to the parsing thread. */
    private static final class Extract {
        private final Optional<String> origin;
        private final int maxLinks;
        final Set<String> links = new LinkedHashSet<>();
        Optional<String> description = Optional.empty();
        Optional<String> canonical = Optional.empty();
        Directives directives = Directives.NONE;

        Extract(Optional<String> origin, int maxLinks) {
            this.origin = origin;
            this.maxLinks = maxLinks;
        }

        /**
         * The absolute form of {@code e}'s href. Absolute http(s) links and root-relative links,
         * most of any page, are resolved by string work; the rest go to jsoup's resolver (profiled
         * at 15% of a crawl's CPU when every link went there). The frontier normalizes either way.
         */
        private String resolve(Element e) {
            String href = e.attr("href").strip();
            if (href.regionMatches(true, 0, "http://", 0, 7)
                    || href.regionMatches(true, 0, "https://", 0, 8)) {
                return href;
            }
            if (origin.isPresent() && href.startsWith("/") && !href.startsWith("//")) {
                return origin.get() + href;
            }
            return e.absUrl("href");
        }

        void visit(Element e) {
            switch (e.normalName()) {
                case "a", "area" -> {
                    if (links.size() < maxLinks
                            && e.hasAttr("href")
                            && !hasToken(e.attr("rel"), "nofollow")) {
                        String abs = resolve(e);
                        if (!abs.isEmpty()) {
                            links.add(abs);
                        }
                    }
                }
                case "meta" -> {
                    String name = e.attr("name");
                    if (description.isEmpty() && name.equalsIgnoreCase("description")) {
                        description = Optional.of(e.attr("content").strip());
                    } else if (name.equalsIgnoreCase("robots") && e.hasAttr("content")) {
                        directives = directives.and(Directives.parse(e.attr("content")));
                    }
                }
                case "link" -> {
                    if (canonical.isEmpty()
                            && e.attr("rel").equalsIgnoreCase("canonical")
                            && e.hasAttr("href")) {
                        String abs = e.absUrl("href");
                        if (!abs.isEmpty()) {
                            canonical = Optional.of(abs);
                        }
                    }
                }
                default -> {
                    // nothing to take
                }
            }
        }
    }

    /** Whether a space-separated attribute value holds {@code token} (no regex: hot path). */
    static boolean hasToken(String attribute, String token) {
        int n = attribute.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(attribute.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(attribute.charAt(i))) i++;
            if (i - start == token.length()
                    && attribute.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
        }
        return false;
    }
}
