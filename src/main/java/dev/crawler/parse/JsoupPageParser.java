package dev.crawler.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Parses HTML with jsoup, which copes with malformed markup as browsers do, detects the charset
 * from a BOM or {@code <meta charset>} when the server did not declare one, and honours {@code
 * <base href>}. Stateless and thread-safe.
 */
public final class JsoupPageParser implements PageParser {

    @Override
    public ParsedPage parse(byte[] body, Optional<Charset> charset, URI baseUrl) {
        Document doc;
        try {
            doc =
                    Jsoup.parse(
                            new ByteArrayInputStream(body),
                            charset.map(Charset::name).orElse(null),
                            baseUrl.toString());
        } catch (IOException e) {
            // Reading a byte array cannot fail; keep the signature honest anyway.
            throw new UncheckedIOException(e);
        }
        Set<String> links = new LinkedHashSet<>();
        for (Element a : doc.select("a[href], area[href]")) {
            if (hasToken(a.attr("rel"), "nofollow")) {
                continue;
            }
            String abs = a.absUrl("href");
            if (!abs.isEmpty()) {
                links.add(abs);
            }
        }
        Optional<String> description =
                Optional.ofNullable(doc.selectFirst("meta[name=description]"))
                        .map(m -> m.attr("content").strip());
        Optional<String> canonical =
                Optional.ofNullable(doc.selectFirst("link[rel=canonical][href]"))
                        .map(l -> l.absUrl("href"))
                        .filter(s -> !s.isEmpty());
        int textLength = doc.body() == null ? 0 : doc.body().text().length();
        Directives directives = Directives.NONE;
        for (Element meta : doc.select("meta[name=robots][content]")) {
            directives = directives.and(Directives.parse(meta.attr("content")));
        }
        return new ParsedPage(
                doc.title().strip(),
                description,
                canonical,
                links.stream().toList(),
                textLength,
                directives);
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
