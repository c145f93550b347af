package dev.crawler.url;

import java.util.Locale;

/**
 * The normalizer's fast path: string checks that tell a URL already in the form crawler-commons'
 * normalizer would give it, and the cheap repairs (fragment, scheme case, dot segments) that often
 * bring a link there, so that the normalizer's regular expressions, parse and rebuild are skipped
 * for most links. {@code UrlNormalizerTest} checks that both paths agree. Stateless.
 */
final class NormalForm {
    private NormalForm() {}

    /**
     * {@code url} without its fragment, with its scheme in lower case and its path's dot segments
     * removed (RFC 3986, 5.2.4), as the full normalizer does; what it does not touch is left for
     * {@link #alreadyNormal} to vet.
     */
    static String preclean(String url, String scheme) {
        int hash = url.indexOf('#');
        String s = hash >= 0 ? url.substring(0, hash) : url;
        if (!s.startsWith(scheme)) {
            s = scheme + s.substring(scheme.length());
        }
        int authority = scheme.length() + 3;
        if (!s.startsWith("://", scheme.length())) {
            return s;
        }
        int pathStart = authority;
        while (pathStart < s.length() && s.charAt(pathStart) != '/' && s.charAt(pathStart) != '?') {
            pathStart++;
        }
        if (pathStart == s.length() || s.charAt(pathStart) != '/') {
            return s;
        }
        int query = s.indexOf('?', pathStart);
        int pathEnd = query < 0 ? s.length() : query;
        int dot = s.indexOf("/.", pathStart);
        if (dot < 0 || dot >= pathEnd) {
            return s; // no dot segment, most links: no copy of the path to look for one
        }
        String path = s.substring(pathStart, pathEnd);
        if (path.contains("//") || !plain(path)) {
            // empty segments, escapes (%2e is a dot), path parameters (session ids): the full
            // normalizer's business
            return s;
        }
        java.util.Optional<String> clean = UrlNormalizer.removeDotSegments(path);
        return clean.isEmpty() ? s : s.substring(0, pathStart) + clean.get() + s.substring(pathEnd);
    }

    /** Whether {@code path} holds only slashes and unreserved characters. */
    private static boolean plain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' && !unreserved(c)) return false;
        }
        return true;
    }

    /**
     * Whether {@code url} is certainly in the form {@link BasicURLNormalizer} would give it, so the
     * normalizer (regular expressions, a parse, a rebuild) can be skipped: a lower-case {@code
     * http(s)://} scheme, a lower-case host of letters, digits, dots and hyphens (no empty or
     * trailing label), an optional port that is not the default one, a non-empty path of unreserved
     * characters without dot segments or empty segments, and at most one {@code name=value} query
     * parameter of unreserved characters that is not a session id. Anything else takes the full
     * path. {@code UrlNormalizerTest} checks the two agree.
     */
    static boolean alreadyNormal(String url, int schemeLength) {
        int n = url.length();
        if (!url.startsWith("://", schemeLength) || url.charAt(0) != 'h') {
            return false; // scheme not in lower case
        }
        int i = schemeLength + 3;
        int hostStart = i;
        char prev = '.';
        int lastLabel = i;
        for (; i < n; i++) {
            char c = url.charAt(i);
            if (c == '/' || c == ':') break;
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            // labels are not empty and neither start nor end with a hyphen
            if (!ok || (c == '.' && (prev == '.' || prev == '-')) || (c == '-' && prev == '.')) {
                return false;
            }
            if (c == '.') lastLabel = i + 1;
            prev = c;
        }
        if (i == hostStart || prev == '.' || prev == '-' || i == n) {
            return false; // empty host, trailing dot or hyphen, or no path
        }
        char top = url.charAt(lastLabel);
        if (!(top >= 'a' && top <= 'z') && !ipv4(url, hostStart, i)) {
            return false; // a name's last label starts with a letter (RFC 2396), else an IPv4
        }
        if (url.charAt(i) == ':') {
            int portStart = ++i;
            int port = 0;
            while (i < n && url.charAt(i) >= '0' && url.charAt(i) <= '9' && i - portStart < 6) {
                port = port * 10 + (url.charAt(i++) - '0');
            }
            if (i == portStart || i == n || url.charAt(i) != '/' || url.charAt(portStart) == '0') {
                return false; // no port, a sixth digit, or a leading zero
            }
            if (port > 65535 || port == (schemeLength == 4 ? 80 : 443)) {
                return false;
            }
        }
        // path: from '/', unreserved characters, no "//" and no segment starting with '.'
        char last = 0;
        for (; i < n; i++) {
            char c = url.charAt(i);
            if (c == '?') break;
            if (c == '/') {
                if (last == '/') return false;
            } else if (c == '.') {
                if (last == '/') return false; // "/." starts a dot segment (or a hidden name)
            } else if (!unreserved(c)) {
                return false;
            }
            last = c;
        }
        if (i == n) {
            return true;
        }
        // query: exactly one name=value, both non-empty, unreserved, not a session id
        int eq = url.indexOf('=', i + 1);
        if (eq <= i + 1 || eq == n - 1) return false;
        for (int k = i + 1; k < n; k++) {
            char c = url.charAt(k);
            if (k != eq && !unreserved(c)) return false;
        }
        String name = url.substring(i + 1, eq).toLowerCase(Locale.ROOT);
        for (String session : UrlNormalizer.SESSION_PARAMETERS) {
            if (session.equalsIgnoreCase(name)) return false;
        }
        return true;
    }

    /** Whether {@code url[from, to)} is a dotted-quad IPv4 address without leading zeros. */
    private static boolean ipv4(String url, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int value = 0;
            while (i < to && url.charAt(i) >= '0' && url.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (url.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && url.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (url.charAt(i) != '.' || parts == 4) {
                return false; // a fourth digit, another character, or a fifth part
            }
            i++;
        }
        return false; // ends with a dot
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '~';
    }
}
