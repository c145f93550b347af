package dev.crawler.frontier;

import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import dev.crawler.seed.RequestBody;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CrawlRequest} as one line of text, the one encoding of a request that both the state
 * folder (as UTF-8) and the shared frontier (in Redis) store: its fields separated by tabs, in a
 * fixed order; the free text (validators, label, user data, group) has tab, newline and backslash
 * escaped, and user data is written as {@code key=value} pairs separated by {@code \u001f} (keys
 * hold no {@code =}: {@link CrawlRequest} refuses them). Lines of the ten-field form written before
 * labels existed, and of the thirteen-field form written before requests had headers of their own,
 * still read. Stateless and thread-safe.
 */
public final class RequestCodec {
    private static final int OLD_FIELDS = 10;
    private static final int TAGGED_FIELDS = 13;
    private static final int HEADER_FIELDS = 14;
    private static final int FIELDS = 16;
    private static final char PAIR = '\u001f';

    private RequestCodec() {}

    /** The request as one line. */
    public static String encode(CrawlRequest r) {
        StringBuilder b = new StringBuilder(r.url().toString().length() * 2 + 32);
        b.append(r.url()).append('\t');
        b.append(r.depth()).append('\t');
        b.append(r.attempt()).append('\t');
        b.append(r.parent().map(URI::toString).orElse("")).append('\t');
        b.append(r.kind() == CrawlRequest.Kind.SITEMAP ? 'S' : 'P').append('\t');
        b.append(r.redirects()).append('\t');
        b.append(r.priority()).append('\t');
        b.append(r.depthLimit()).append('\t');
        escape(b, r.validators().etag().orElse("")).append('\t');
        escape(b, r.validators().lastModified().orElse("")).append('\t');
        escape(b, r.label().orElse("")).append('\t');
        pairs(b, new java.util.TreeMap<>(r.userData())).append('\t');
        escape(b, r.group()).append('\t');
        pairs(b, r.headers()).append('\t');
        escape(b, r.body().map(RequestBody::contentType).orElse("")).append('\t');
        return escape(b, r.body().map(RequestBody::content).orElse("")).toString();
    }

    /** {@code key=value} pairs separated by {@link #PAIR}. */
    private static StringBuilder pairs(StringBuilder b, Map<String, String> map) {
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!first) b.append(PAIR);
            first = false;
            escape(b, e.getKey());
            b.append('=');
            escape(b, e.getValue());
        }
        return b;
    }

    /**
     * The deduplication key ({@link CrawlRequest#key()}) of an encoded request: its URL, decoded
     * alone, unless it is a {@code POST}.
     */
    public static String decodeKey(String line) {
        int tabs = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') tabs++;
        }
        if (tabs == FIELDS - 1 && !line.endsWith("\t\t")) {
            return decode(line).key(); // a body: the key has its digest
        }
        return decodeUrl(line);
    }

    /** The URL of an encoded request, without decoding the rest. */
    public static String decodeUrl(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? line : line.substring(0, tab);
    }

    /**
     * The request a line encodes.
     *
     * @throws IllegalArgumentException when the line is not an encoded request
     */
    public static CrawlRequest decode(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS
                && f.length != HEADER_FIELDS
                && f.length != TAGGED_FIELDS
                && f.length != OLD_FIELDS) {
            throw new IllegalArgumentException("not an encoded request: " + line);
        }
        boolean tagged = f.length >= TAGGED_FIELDS;
        return new CrawlRequest(
                URI.create(f[0]),
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                f[3].isEmpty() ? Optional.empty() : Optional.of(URI.create(f[3])),
                f[4].equals("S") ? CrawlRequest.Kind.SITEMAP : CrawlRequest.Kind.PAGE,
                Integer.parseInt(f[5]),
                Integer.parseInt(f[6]),
                Integer.parseInt(f[7]),
                new Completion.Validators(optional(unescape(f[8])), optional(unescape(f[9]))),
                tagged ? optional(unescape(f[10])) : Optional.empty(),
                tagged ? userData(f[11]) : Map.of(),
                tagged ? unescape(f[12]) : "",
                f.length >= HEADER_FIELDS ? userData(f[13]) : Map.of(),
                f.length == FIELDS && !f[14].isEmpty()
                        ? Optional.of(new RequestBody(unescape(f[14]), unescape(f[15])))
                        : Optional.empty());
    }

    private static Map<String, String> userData(String field) {
        if (field.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : field.split(String.valueOf(PAIR), -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not an encoded user data pair: " + pair);
            }
            out.put(unescape(pair.substring(0, eq)), unescape(pair.substring(eq + 1)));
        }
        return out;
    }

    private static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static StringBuilder escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case PAIR -> b.append("\\u");
                default -> b.append(c);
            }
        }
        return b;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 't' -> b.append('\t');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 'u' -> b.append(PAIR);
                    case '\\' -> b.append('\\');
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
