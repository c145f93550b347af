package dev.crawler.parse;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Turns a page's bytes into a {@link ParsedPage}. Pure: no I/O. Implementations are thread-safe.
 */
public interface PageParser {
    /**
     * Parses {@code body}.
     *
     * @param baseUrl the URL the page was fetched from, after redirects; relative links resolve
     *     against it (or the page's {@code <base href>})
     * @param charset the charset the server declared; when empty the parser detects it
     */
    ParsedPage parse(byte[] body, Optional<Charset> charset, URI baseUrl);
}
