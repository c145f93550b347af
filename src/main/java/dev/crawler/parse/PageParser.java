package dev.crawler.parse;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Optional;
import org.jsoup.nodes.Document;

/**
 * Turns a page's bytes into a jsoup {@link Document} and the document into a {@link ParsedPage}.
 * Pure: no I/O. The engine parses each page once and hands the same document to link extraction and
 * to the user's handlers. Implementations are thread-safe.
 */
public interface PageParser {
    /**
     * Parses {@code body} into a document.
     *
     * @param baseUrl the URL the page was fetched from, after redirects; relative links resolve
     *     against it (or the page's {@code <base href>})
     * @param charset the charset the server declared; when empty the parser detects it
     */
    Document read(byte[] body, Optional<Charset> charset, URI baseUrl);

    /** What the crawler takes from a parsed document: title, links, directives. */
    ParsedPage parse(Document document);

    /**
     * What the crawler needs from {@code body}, for a page no handler reads: the same as {@link
     * #parse(byte[], Optional, URI)}, by whatever way is cheapest.
     */
    default ParsedPage scan(byte[] body, Optional<Charset> charset, URI baseUrl) {
        return parse(body, charset, baseUrl);
    }

    /** Parses {@code body} and takes what the crawler needs from it. */
    default ParsedPage parse(byte[] body, Optional<Charset> charset, URI baseUrl) {
        return parse(read(body, charset, baseUrl));
    }
}
