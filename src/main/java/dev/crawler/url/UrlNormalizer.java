package dev.crawler.url;

import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
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
    private static final List<String> SESSION_PARAMETERS =
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
        String candidate = stripSessionIds ? PATH_SESSION.matcher(trimmed).replaceAll("") : trimmed;
        String normalized = delegate.filter(candidate);
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
