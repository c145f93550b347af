package dev.crawler.url;

import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a raw URL into the canonical form used for deduplication, with crawler-commons' {@link
 * BasicURLNormalizer} (as Nutch and StormCrawler do): no fragment, lower-case scheme and host,
 * default port removed, dot segments resolved, percent-encoding normalized. Only http and https are
 * accepted. Stateless and thread-safe.
 */
public final class UrlNormalizer {
    private static final int MAX_URL_LENGTH = 8192;

    /** Session-id query parameters, in the spellings servers use (the match is case-sensitive). */
    static final List<String> SESSION_PARAMETERS =
            List.of(
                    "jsessionid",
                    "JSESSIONID",
                    "phpsessid",
                    "PHPSESSID",
                    "PHPSESSIONID",
                    "sid",
                    "SID",
                    "sessionid",
                    "SESSIONID",
                    "session_id",
                    "sessid",
                    "aspsessionid",
                    "ASPSESSIONID",
                    "cfid",
                    "CFID",
                    "cftoken",
                    "CFTOKEN",
                    "zenid",
                    "osCsid");

    /** A session id carried as a path parameter: {@code /page;jsessionid=ABC?x=1}. */
    private static final Pattern PATH_SESSION =
            Pattern.compile("(?i);(?:jsessionid|phpsessid|sid|sessionid)=[^?#/]*");

    private final BasicURLNormalizer delegate;
    private final boolean stripSessionIds;

    /** A normalizer that also removes session ids. */
    public UrlNormalizer() {
        this(true);
    }

    /**
     * A normalizer.
     *
     * @param stripSessionIds whether common session-id parameters are removed
     */
    public UrlNormalizer(boolean stripSessionIds) {
        this.stripSessionIds = stripSessionIds;
        this.delegate =
                stripSessionIds
                        ? BasicURLNormalizer.newBuilder()
                                .queryParamsToRemove(SESSION_PARAMETERS)
                                .build()
                        : new BasicURLNormalizer();
    }

    /** The outcome of normalizing one raw URL. */
    public sealed interface Result {}

    /** A URL in canonical form. */
    public record Valid(URI url) implements Result {}

    /** A URL that cannot be crawled, and why. */
    public record Invalid(Rejection reason, String detail) implements Result {}

    /** Normalizes {@code raw}, which must be absolute. */
    public Result normalize(String raw) {
        String trimmed = raw.strip();
        if (trimmed.isEmpty()) {
            return new Invalid(Rejection.MALFORMED, "empty URL");
        }
        if (trimmed.length() > MAX_URL_LENGTH) {
            return new Invalid(
                    Rejection.MALFORMED, "longer than " + MAX_URL_LENGTH + " characters");
        }
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
            return new Invalid(Rejection.MALFORMED, "not an absolute URL");
        }
        String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return scheme.matches("[a-z][a-z0-9+.-]*")
                    ? new Invalid(
                            Rejection.UNSUPPORTED_SCHEME, "scheme '" + scheme + "' is not http(s)")
                    : new Invalid(Rejection.MALFORMED, "not an absolute URL");
        }
        Optional<String> fast = fastPath(trimmed, scheme);
        if (fast.isPresent()) {
            return new Valid(URI.create(fast.get()));
        }
        return normalizeFully(trimmed);
    }

    /**
     * RFC 3986's remove_dot_segments for an absolute path; empty when a {@code ..} would climb
     * above the root, which crawler-commons keeps as it is.
     */
    public static java.util.Optional<String> removeDotSegments(String path) {
        // one pass, no split: what each kept segment's "/" starts at, to cut it off on a ".."
        StringBuilder out = new StringBuilder(path.length());
        int[] kept = new int[8];
        int depth = 0;
        boolean trailingSlash = false;
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            trailingSlash = false;
            if (end - start == 1 && path.charAt(start) == '.') {
                trailingSlash = true;
            } else if (end - start == 2 && path.startsWith("..", start)) {
                if (depth == 0) {
                    return java.util.Optional.empty();
                }
                out.setLength(kept[--depth]);
                trailingSlash = true;
            } else {
                if (depth == kept.length) {
                    kept = java.util.Arrays.copyOf(kept, depth * 2);
                }
                kept[depth++] = out.length();
                out.append('/').append(path, start, end);
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        if (out.isEmpty()) {
            out.append('/');
        } else if (trailingSlash && out.charAt(out.length() - 1) != '/') {
            out.append('/');
        }
        return java.util.Optional.of(out.toString());
    }

    /**
     * The canonical form of {@code raw} as a string, when the fast path gives it (most links: see
     * {@link NormalForm}); empty when only the full normalization can tell. What {@link #normalize}
     * would give, without building a {@link URI}: the frontier checks it against its seen-set
     * before doing more for a link it already has.
     */
    public Optional<String> fastForm(String raw) {
        String trimmed = raw.strip();
        int colon = trimmed.indexOf(':');
        if (trimmed.length() > MAX_URL_LENGTH || colon <= 0) {
            return Optional.empty();
        }
        // the scheme's name without a copy of it (a link's first question, asked of each link)
        String scheme =
                colon == 4 && trimmed.regionMatches(true, 0, "http", 0, 4)
                        ? "http"
                        : colon == 5 && trimmed.regionMatches(true, 0, "https", 0, 5)
                                ? "https"
                                : null;
        return scheme == null ? Optional.empty() : fastPath(trimmed, scheme);
    }

    /**
     * A link we resolved ourselves, as it is, or after a fragment, an upper-case scheme or dot
     * segments were repaired (profiled: the full normalizer took 8% of a crawl's CPU on those).
     */
    private static Optional<String> fastPath(String trimmed, String scheme) {
        if (NormalForm.alreadyNormal(trimmed, scheme.length())) {
            return Optional.of(trimmed);
        }
        String cleaned = NormalForm.preclean(trimmed, scheme);
        return !cleaned.equals(trimmed) && NormalForm.alreadyNormal(cleaned, scheme.length())
                ? Optional.of(cleaned)
                : Optional.empty();
    }

    /** The full normalization of a trimmed http(s) URL, without the fast path. */
    Result normalizeFully(String trimmed) {
        String candidate = stripSessionIds ? PATH_SESSION.matcher(trimmed).replaceAll("") : trimmed;
        String normalized;
        try {
            normalized = delegate.filter(candidate);
        } catch (RuntimeException e) {
            // crawler-commons 1.4 throws StringIndexOutOfBoundsException on some queries
            // ("?=&"): a link no page may fail for
            return new Invalid(Rejection.MALFORMED, "not a valid URL");
        }
        if (normalized == null) {
            return new Invalid(Rejection.MALFORMED, "not a valid URL");
        }
        try {
            URI uri = new URI(normalized);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return new Invalid(Rejection.MALFORMED, "no host");
            }
            return new Valid(uri);
        } catch (URISyntaxException e) {
            return new Invalid(Rejection.MALFORMED, e.getReason());
        }
    }
}
