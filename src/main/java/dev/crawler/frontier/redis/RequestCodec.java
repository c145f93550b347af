package dev.crawler.frontier.redis;

import dev.crawler.frontier.Completion;
import dev.crawler.frontier.CrawlRequest;
import java.net.URI;
import java.util.Optional;

/**
 * A {@link CrawlRequest} as one line of text in Redis: its fields separated by tabs, in a fixed
 * order; the two validators, the only free text, have tab, newline and backslash escaped.
 */
final class RequestCodec {
    private static final int FIELDS = 10;

    private RequestCodec() {}

    static String encode(CrawlRequest r) {
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
        escape(b, r.validators().lastModified().orElse(""));
        return b.toString();
    }

    /** The URL of an encoded request, without decoding the rest. */
    static String decodeUrl(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? line : line.substring(0, tab);
    }

    static CrawlRequest decode(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("not an encoded request: " + line);
        }
        return new CrawlRequest(
                URI.create(f[0]),
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                f[3].isEmpty() ? Optional.empty() : Optional.of(URI.create(f[3])),
                f[4].equals("S") ? CrawlRequest.Kind.SITEMAP : CrawlRequest.Kind.PAGE,
                Integer.parseInt(f[5]),
                Integer.parseInt(f[6]),
                Integer.parseInt(f[7]),
                new Completion.Validators(optional(unescape(f[8])), optional(unescape(f[9]))));
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
                b.append(
                        switch (n) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> n;
                        });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
