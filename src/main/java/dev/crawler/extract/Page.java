package dev.crawler.extract;

import dev.crawler.fetch.ResponseInfo;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.LinkTag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;

/**
 * A fetched HTML page as a {@link PageHandler} sees it: the request, the response, the document
 * (parsed once, the same one the crawler took its links from), and what the handler can do with the
 * page: emit items, follow links, keep the page's own links from being followed.
 *
 * <p>Confined to the handler's call on the fetcher thread: not thread-safe, and not to be kept
 * after the handler returns.
 */
public interface Page {
    /** The URL as requested (normalized); relative links resolve against the response's URL. */
    URI url();

    /** The request: depth, parent, attempt, label, user data. */
    CrawlRequest request();

    /** The response: status, final URL, content type, size, time. */
    ResponseInfo response();

    /** The parsed document. */
    Document document();

    /** The elements matching a CSS selector (jsoup syntax), in document order. */
    Elements select(String css);

    /** The text of the first element matching {@code css} (whitespace collapsed), or "". */
    String text(String css);

    /** The text of every element matching {@code css}, in document order. */
    List<String> texts(String css);

    /** The body decoded with the charset it was parsed with. */
    String html();

    /** The body's bytes as received (decompressed); the caller must not modify them. */
    byte[] body();

    /** The request's label, which picked this handler; empty for a link followed by default. */
    Optional<String> label();

    /** The user data the request carries. */
    Map<String, String> userData();

    /** The page's links the crawler found (absolute, in document order, without nofollow). */
    List<String> links();

    /** Emits an item of the request's label's type, or of type {@code item} without a label. */
    void emit(Object data);

    /** Emits an item of {@code type}; {@code data} is a map, a record or a bean. */
    void emit(String type, Object data);

    /** Follows {@code url} (relative to the page), for the default handler. */
    void follow(String url);

    /** Follows {@code url} for the handler of {@code label}. */
    void follow(String url, String label);

    /** Follows {@code url} with a label, priority and data. */
    void follow(String url, LinkTag tag);

    /**
     * Follows the links ({@code a[href]}, {@code area[href]}) in, or being, the elements that match
     * {@code css}, for the default handler.
     */
    void followLinks(String css);

    /** As {@link #followLinks(String)}, for the handler of {@code label}. */
    void followLinks(String css, String label);

    /** As {@link #followLinks(String)}, with a label, priority and data. */
    void followLinks(String css, LinkTag tag);

    /**
     * Submits the form {@code css} selects (the first match), as a browser would, like Scrapy's
     * {@code FormRequest.from_response}: its fields with their values (checked boxes and radios,
     * selected options, hidden inputs such as a CSRF token; no buttons, nothing disabled), then
     * {@code values} replacing or adding fields. A {@code method="post"} form becomes a {@code
     * POST} of the form body to its action, any other a {@code GET} with the fields as query; the
     * request is followed with {@code tag}'s label, priority and data.
     *
     * @throws IllegalArgumentException when {@code css} selects no {@code <form>}
     */
    void submitForm(String css, java.util.Map<String, String> values, LinkTag tag);

    /**
     * The page shows that its session is blocked (a captcha, a "slow down" page answered 200): with
     * {@code sessions}, the session it came through is retired, and a new one, with an empty jar
     * and the next proxy, takes its place. Without {@code sessions} it does nothing.
     */
    void retireSession();

    /**
     * The page's own links are not followed: only what this handler follows explicitly. Without it
     * every link in scope is followed, as on a page without handler.
     */
    void skipLinks();

    /** Records a problem with this page's extraction in its record; the crawl goes on. */
    void reportError(String problem);
}
