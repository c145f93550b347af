package dev.crawler.parse;

import dev.crawler.url.UrlNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
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
    static final class Extract {
        private final String base;
        private final Optional<String> origin;
        private final Optional<String> directory;
        private final int maxLinks;
        final Set<String> links = new LinkedHashSet<>();
        Optional<String> description = Optional.empty();
        Optional<String> canonical = Optional.empty();
        Directives directives = Directives.NONE;

        Extract(String base, int maxLinks) {
            this(base, origin(base), maxLinks);
        }

        /** An extract whose base is {@code url}, already parsed (parsing it again was 2%). */
        Extract(URI url, int maxLinks) {
            this(
                    url.toString(),
                    url.getScheme() != null && url.getRawAuthority() != null
                            ? Optional.of(url.getScheme() + "://" + url.getRawAuthority())
                            : Optional.empty(),
                    maxLinks);
        }

        /** What links resolve against. */
        String base() {
            return base;
        }

        private Extract(String base, Optional<String> origin, int maxLinks) {
            this.base = base;
            this.origin = origin;
            this.directory = origin.flatMap(o -> directory(base, o));
            this.maxLinks = maxLinks;
        }

        /**
         * The absolute form of {@code e}'s href. Absolute http(s) links and root-relative links,
         * most of any page, are resolved by string work; the rest go to jsoup's resolver (profiled
         * at 15% of a crawl's CPU when every link went there). The frontier normalizes either way.
         */
        String resolve(String rawHref) {
            String href = rawHref.strip();
            if (href.regionMatches(true, 0, "http://", 0, 7)
                    || href.regionMatches(true, 0, "https://", 0, 8)) {
                return href;
            }
            if (origin.isPresent() && href.startsWith("/") && !href.startsWith("//")) {
                return origin.get() + href;
            }
            if (directory.isPresent() && plainRelative(href)) {
                // "../page/2.html", "item.html" by string work (jsoup's resolver took 4% of a
                // crawl's CPU on such links), dot segments removed as RFC 3986 says
                String joined = directory.get() + href;
                int path = origin.get().length();
                Optional<String> clean = UrlNormalizer.removeDotSegments(joined.substring(path));
                if (clean.isPresent()) {
                    return origin.get() + clean.get();
                }
            }
            return StringUtil.resolve(base, rawHref);
        }

        /** Takes what the crawler wants from an element: links, description, robots, canonical. */
        void visit(String name, UnaryOperator<String> attr) {
            switch (name) {
                case "a", "area" -> {
                    String href = attr.apply("href");
                    if (links.size() < maxLinks
                            && href != null
                            && !hasToken(orEmpty(attr.apply("rel")), "nofollow")) {
                        String abs = resolve(href);
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
                        String abs = resolve(href);
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

    /**
     * The base URL up to the last {@code /} of its path, for relative links; empty when the base
     * has a query-less path that cannot be cut (no path at all: its directory is the root).
     */
    private static Optional<String> directory(String base, String origin) {
        if (base.length() == origin.length()) {
            return Optional.of(origin + "/");
        }
        int end = base.length();
        for (int i = origin.length(); i < base.length(); i++) {
            char c = base.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int slash = base.lastIndexOf('/', end - 1);
        return slash < origin.length()
                ? Optional.empty()
                : Optional.of(base.substring(0, slash + 1));
    }

    /**
     * A relative path reference made of letters, digits, {@code -._~} and slashes only, not
     * starting with a slash: one that only needs the base's directory in front of it.
     */
    static boolean plainRelative(String href) {
        if (href.isEmpty() || href.charAt(0) == '/') {
            return false;
        }
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '/'
                            || c == '.'
                            || c == '-'
                            || c == '_'
                            || c == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
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
