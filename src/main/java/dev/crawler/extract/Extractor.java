package dev.crawler.extract;

import static java.util.Objects.requireNonNull;

import dev.crawler.fetch.ResponseInfo;
import dev.crawler.request.CrawlRequest;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a page's handler for the engine, on the fetcher thread, over the document the crawler
 * parsed, and says what it did. A handler's exception is caught and becomes the page's error: the
 * engine still records the page and follows its links. Stateless apart from the immutable router:
 * thread-safe.
 */
public final class Extractor {
    private static final Logger LOG = LoggerFactory.getLogger(Extractor.class);
    private final Router router;

    /** An extractor dispatching through {@code router}. */
    public Extractor(Router router) {
        this.router = requireNonNull(router, "router");
    }

    /** Whether any page can have a handler. */
    public boolean active() {
        return !router.isEmpty();
    }

    /** Whether a handler reads the page of {@code request} (and so needs its document). */
    public boolean handles(CrawlRequest request) {
        return active() && router.handlerFor(request).isPresent();
    }

    /**
     * Runs the handler picked for {@code request}, if any.
     *
     * @param links the page's links as the crawler found them
     */
    public Extraction extract(
            CrawlRequest request,
            ResponseInfo response,
            byte[] body,
            Document document,
            List<String> links) {
        Optional<PageHandler> handler = router.handlerFor(request);
        if (handler.isEmpty()) {
            return Extraction.NONE;
        }
        PageContext page = new PageContext(request, response, body, document, links);
        Optional<String> failure = Optional.empty();
        try {
            handler.get().handle(page);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of("handler interrupted");
        } catch (VirtualMachineError e) {
            throw e; // out of memory and the like: not the page's fault
        } catch (Exception | Error e) {
            LOG.info("Handler failed on {}: {}", request.url(), e.toString());
            LOG.debug("Handler failure", e);
            failure = Optional.of("handler failed: " + e);
        }
        return page.result(failure);
    }
}
