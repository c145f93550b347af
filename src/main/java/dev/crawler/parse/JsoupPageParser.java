package dev.crawler.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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
        // One pass over the elements for everything we take: a CSS select per item would walk
        // the whole document each time (profiled: four walks cost almost as much as the parse).
        // The base is the document's own (a <base href> included), as jsoup resolves against it.
        Extract x = new Extract(doc.baseUri(), maxLinks);
        doc.traverse(
                (NodeVisitor)
                        (node, depth) -> {
                            if (node instanceof Element e) {
                                x.visit(e.normalName(), k -> e.hasAttr(k) ? e.attr(k) : null);
                            }
                        });
        return x.page(doc.title().strip());
    }

    /**
     * What the crawler takes from a page, read in one pass over its text without building a
     * document ({@link LightParse}): for pages no handler reads. Gives what {@link
     * #parse(Document)} of {@link #read} gives.
     */
    @Override
    public ParsedPage scan(byte[] body, Optional<Charset> charset, URI baseUrl) {
        return LightParse.scan(body, charset, baseUrl, maxLinks);
    }

    /** What one traversal collects; confined to the parsing thread. */
    static final class Extract {
        private final LinkResolver resolver;
        private final int maxLinks;
        final Set<String> links = new LinkedHashSet<>();
        Optional<String> description = Optional.empty();
        Optional<String> canonical = Optional.empty();
        Directives directives = Directives.NONE;

        Extract(String base, int maxLinks) {
            this(new LinkResolver(base), maxLinks);
        }

        /** An extract whose base is {@code url}, already parsed. */
        Extract(URI url, int maxLinks) {
            this(new LinkResolver(url), maxLinks);
        }

        private Extract(LinkResolver resolver, int maxLinks) {
            this.resolver = resolver;
            this.maxLinks = maxLinks;
        }

        /** What links resolve against. */
        String base() {
            return resolver.base();
        }

        /** Takes what the crawler wants from an element: links, description, robots, canonical. */
        void visit(String name, UnaryOperator<String> attr) {
            switch (name) {
                case "a", "area" -> {
                    String href = attr.apply("href");
                    if (links.size() < maxLinks
                            && href != null
                            && !hasToken(orEmpty(attr.apply("rel")), "nofollow")) {
                        String abs = resolver.resolve(href);
                        if (!abs.isEmpty()) {
                            links.add(abs);
                        }
                    }
                }
                case "meta" -> {
                    String metaName = orEmpty(attr.apply("name"));
                    String content = attr.apply("content");
                    if (description.isEmpty() && metaName.equalsIgnoreCase("description")) {
                        description = Optional.of(orEmpty(content).strip());
                    } else if (metaName.equalsIgnoreCase("robots") && content != null) {
                        directives = directives.and(Directives.parse(content));
                    }
                }
                case "link" -> {
                    String href = attr.apply("href");
                    if (canonical.isEmpty()
                            && orEmpty(attr.apply("rel")).equalsIgnoreCase("canonical")
                            && href != null) {
                        String abs = resolver.resolve(href);
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

        /** How many distinct links were taken so far. */
        int links() {
            return links.size();
        }

        ParsedPage page(String title) {
            return new ParsedPage(
                    title, description, canonical, links.stream().toList(), directives);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
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
