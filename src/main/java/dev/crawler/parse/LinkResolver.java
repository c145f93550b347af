package dev.crawler.parse;

import dev.crawler.url.UrlNormalizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.jsoup.internal.StringUtil;

/**
 * Resolves a page's hrefs against its base as jsoup's {@code StringUtil.resolve} does, by string
 * work for the forms most pages are made of: absolute http(s) links, root-relative ones, relative
 * paths of plain characters with or without a query and a fragment, a fragment alone, a query
 * alone. The rest go to jsoup. jsoup's resolver strips control characters with a regular expression
 * that matches at every character of both the base and the href, then builds three {@link
 * java.net.URL}s: on a page of 14,000 links it was 42% of a crawl's CPU. Confined to one parse.
 */
final class LinkResolver {
    private final String base;
    private final Optional<String> origin;
    private final Optional<String> directory;
    // what jsoup makes of "#" and "?" against the base; computed on the first use of each
    private Optional<String> fragmentBase;
    private Optional<String> queryBase;

    LinkResolver(String base) {
        this(base, parsed(base).flatMap(LinkResolver::origin));
    }

    /** A resolver for {@code url}, already parsed (parsing it again was 2% of a crawl). */
    LinkResolver(URI url) {
        this(url.toString(), origin(url));
    }

    private LinkResolver(String base, Optional<String> origin) {
        this.base = base;
        this.origin = origin;
        this.directory = origin.flatMap(o -> directory(base, o));
    }

    /** What links resolve against. */
    String base() {
        return base;
    }

    /** The absolute form of {@code rawHref}; empty when it has none. The frontier normalizes. */
    String resolve(String rawHref) {
        String href = rawHref.strip();
        if (hasControl(href)) {
            // jsoup drops them wherever they are ("/a\nb" is "/ab")
            return StringUtil.resolve(base, rawHref);
        }
        if (href.regionMatches(true, 0, "http://", 0, 7)
                || href.regionMatches(true, 0, "https://", 0, 8)) {
            return href;
        }
        if (origin.isPresent() && href.startsWith("/") && !href.startsWith("//")) {
            return origin.get() + href;
        }
        // What follows gives exactly jsoup's answer: java.net.URL trims what is at most a space
        // from both ends, and the rest must be printable ASCII, which jsoup's URLs keep as it is.
        String spec = rawHref.trim();
        int end = pathEnd(spec);
        if (!printable(spec, end)) {
            return StringUtil.resolve(base, rawHref);
        }
        if (end == 0 && !spec.isEmpty()) {
            // "#part" is the base less its own fragment, plus this one; "?q" the base's path with q
            // (jsoup's own rule for a query alone, which it does not apply after a space)
            Optional<String> prefix =
                    spec.charAt(0) == '#'
                            ? fragmentBase()
                            : rawHref.charAt(0) == '?' ? queryBase() : Optional.empty();
            if (prefix.isPresent()) {
                return prefix.get() + spec.substring(1);
            }
        } else if (directory.isPresent() && end > 0 && plainRelative(spec, end)) {
            // "../page/2.html", "item.html?x=1#top" by string work, dot segments removed as
            // RFC 3986 says; a query and a fragment stay as they are, as in java.net.URL
            String joined = directory.get() + spec.substring(0, end);
            int path = origin.get().length();
            if (joined.indexOf("/.", path) < 0) {
                return end == spec.length() ? joined : joined + spec.substring(end);
            }
            Optional<String> clean = UrlNormalizer.removeDotSegments(joined.substring(path));
            if (clean.isPresent()) {
                return origin.get() + clean.get() + spec.substring(end);
            }
        }
        return StringUtil.resolve(base, rawHref);
    }

    private Optional<String> fragmentBase() {
        if (fragmentBase == null) {
            fragmentBase = ending(StringUtil.resolve(base, "#"), '#');
        }
        return fragmentBase;
    }

    private Optional<String> queryBase() {
        if (queryBase == null) {
            queryBase = ending(StringUtil.resolve(base, "?"), '?');
        }
        return queryBase;
    }

    private static Optional<String> ending(String resolved, char last) {
        return !resolved.isEmpty() && resolved.charAt(resolved.length() - 1) == last
                ? Optional.of(resolved)
                : Optional.empty();
    }

    /** Where the path of {@code spec} ends: at its first {@code ?} or {@code #}, else its end. */
    private static int pathEnd(String spec) {
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return spec.length();
    }

    private static boolean hasControl(String href) {
        for (int i = 0; i < href.length(); i++) {
            if (href.charAt(i) < ' ') {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code spec} from {@code from} on is printable ASCII, no space. */
    private static boolean printable(String spec, int from) {
        for (int i = from; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static Optional<URI> parsed(String base) {
        try {
            return Optional.of(new URI(base));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code scheme://authority} of the page's base URL, when it has one without user info (which
     * jsoup's answers leave out: such a base goes to jsoup whole).
     */
    private static Optional<String> origin(URI u) {
        String authority = u.getRawAuthority();
        return u.getScheme() != null && authority != null && authority.indexOf('@') < 0
                ? Optional.of(u.getScheme() + "://" + authority)
                : Optional.empty();
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
     * Whether the first {@code end} characters of {@code href} are a relative path of letters,
     * digits, {@code -._~} and slashes only, not starting with a slash: one that only needs the
     * base's directory in front of it.
     */
    static boolean plainRelative(String href, int end) {
        if (end == 0 || href.charAt(0) == '/') {
            return false;
        }
        for (int i = 0; i < end; i++) {
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
}
