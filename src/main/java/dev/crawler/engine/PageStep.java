package dev.crawler.engine;

import dev.crawler.extract.Extraction;
import dev.crawler.extract.Extractor;
import dev.crawler.fetch.ByteBudget;
import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.SessionControl;
import dev.crawler.frontier.Frontier;
import dev.crawler.parse.Directives;
import dev.crawler.parse.PageParser;
import dev.crawler.parse.ParsedPage;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.LinkTag;
import dev.crawler.request.Via;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.Extracted;
import dev.crawler.sink.Item;
import dev.crawler.sink.ItemSink;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fetcher does with an HTML page: parses it once, runs its handler on the document, hands
 * the items to the item sink and the links to the frontier, and records the page. Stateless apart
 * from its thread-safe collaborators: one instance per fetcher, on the fetcher's thread.
 */
final class PageStep {
    private static final Logger LOG = LoggerFactory.getLogger(PageStep.class);

    private final Frontier frontier;
    private final PageParser parser;
    private final Extractor extractor;
    private final ItemSink items;
    private final ResultRecorder recorder;
    private final Consumer<CrawlResult> finish;
    private final long memoryBudget;
    private final SessionControl sessions;

    /**
     * @param finish makes the page's URL final (the fetcher's one way to do so)
     * @param memoryBudget the crawl's {@code memory-budget}: a page is parsed only as far as what
     *     its parse holds (a document, or the light parse's text) can take four times that (half
     *     the heap by default)
     */
    PageStep(long memoryBudget, Crew crew, Consumer<CrawlResult> finish) {
        this.finish = finish;
        this.frontier = crew.frontier();
        this.parser = crew.parser();
        this.extractor = crew.extractor();
        this.items = crew.items();
        this.recorder = crew.recorder();
        this.sessions = crew.sessions();
        this.memoryBudget = memoryBudget;
    }

    /**
     * What jsoup's document of a page holds per byte of the page, besides the bytes: measured at 5
     * to 8 for text pages, 11 for a page that is nothing but links.
     */
    static final int DOCUMENT_FACTOR = 11;

    /**
     * What the light parse of a page holds per byte of the page besides the bytes: the elements it
     * keeps (links, metas) and, for a page in neither UTF-8 nor a single-byte charset, its text
     * decoded and made UTF-8 (a UTF-8 page is read as it is: bounded, not measured, by this).
     */
    static final int SCAN_FACTOR = 3;

    /**
     * @param lease the page's share of the crawl's memory budget, grown for its document before it
     *     is parsed (waiting, when the budget is spent, for other pages to be done)
     */
    void handle(FetchResult.Page whole, ByteBudget.Lease lease) throws InterruptedException {
        CrawlRequest request = whole.request();
        boolean handled = extractor.handles(request);
        int factor = handled ? DOCUMENT_FACTOR : SCAN_FACTOR;
        FetchResult.Page page = parsable(whole, Math.max(1, memoryBudget * 4 / (factor + 1)));
        ParsedPage parsed;
        Optional<Document> document = Optional.empty();
        lease.growTo(lease.held() + (long) page.body().length * factor);
        try {
            if (handled) {
                // a handler reads the page: the whole document, once
                document =
                        Optional.of(
                                parser.read(page.body(), page.charset(), page.info().finalUrl()));
                parsed = parser.parse(document.get());
            } else {
                // no handler: links, title and directives in one pass, no document
                parsed = parser.scan(page.body(), page.charset(), page.info().finalUrl());
            }
        } catch (RuntimeException e) {
            LOG.info("Cannot parse {}: {}", request.url(), e.toString());
            finish.accept(
                    new CrawlResult.Failed(request, Optional.of(page.info()), "parse error: " + e));
            return;
        }
        Directives directives = parsed.directives().and(Directives.fromHeaders(page.robotsTags()));
        parsed = parsed.withDirectives(directives);
        Extraction x =
                document.isPresent()
                        ? extractor.extract(
                                request, page.info(), page.body(), document.get(), parsed.links())
                        : Extraction.NONE;
        deliver(x);
        if (x.retireSession()) {
            sessions.retire(page.exchange().session());
        }
        // Links go to the frontier before this page is final, so the outstanding count never
        // touches zero while there is still work to discover. A handler's follows go first: a
        // link both followed with a label and found on the page keeps its label.
        for (Extraction.Follow f : x.follows()) {
            frontier.offerAll(f.urls(), request, Via.LINK, f.tag());
        }
        if (!directives.nofollow() && !x.skipLinks()) {
            offerLinks(parsed.links(), request);
        }
        LOG.debug("Fetched {} ({} links)", request.url(), parsed.links().size());
        finish.accept(
                new CrawlResult.Fetched(
                        request,
                        page.info(),
                        parsed,
                        page.truncated(),
                        page.exchange(),
                        x.handled()
                                ? new Extracted(x.counts(), x.errors(), true)
                                : Extracted.NONE));
    }

    /**
     * A page's links to the frontier: the first {@value #FIRST_LINKS} as found, the rest one
     * priority lower, so that a page's flood of links (a calendar, a tag cloud, a trap) queues
     * behind the rest of its host's work instead of ahead of it.
     */
    private void offerLinks(List<String> links, CrawlRequest request) {
        if (links.size() <= FIRST_LINKS) {
            frontier.offerAll(links, request, Via.LINK);
            return;
        }
        frontier.offerAll(links.subList(0, FIRST_LINKS), request, Via.LINK);
        frontier.offerAll(
                links.subList(FIRST_LINKS, links.size()),
                request,
                Via.LINK,
                new LinkTag(Optional.empty(), -1, java.util.Map.of()));
    }

    /**
     * The page, or as much of it as may be parsed ({@code maxParseBytes}), marked truncated: a page
     * too large for the memory budget would otherwise parse into a document that exhausts the heap.
     */
    private FetchResult.Page parsable(FetchResult.Page page, long maxParseBytes) {
        if (page.body().length <= maxParseBytes) {
            return page;
        }
        LOG.info(
                "Parsing the first {} of the {} bytes of {}: its document would pass the memory"
                        + " budget",
                maxParseBytes,
                page.body().length,
                page.request().url());
        return new FetchResult.Page(
                page.request(),
                page.info(),
                java.util.Arrays.copyOf(page.body(), (int) maxParseBytes),
                page.charset(),
                true,
                page.robotsTags(),
                page.exchange());
    }

    /** Links of a page that keep their priority; the rest queue behind. */
    static final int FIRST_LINKS = 100;

    /**
     * Hands the page's items to the item sink before the page is final (so a resumed crawl that
     * finds the page final has its items); an item sink that fails stops the crawl.
     */
    private void deliver(Extraction x) {
        recorder.extracted(x.items().size(), x.handlerFailed());
        try {
            for (Item item : x.items()) {
                items.accept(item);
            }
        } catch (RuntimeException e) {
            LOG.error("Item output failed", e);
            recorder.fail("item output failed: " + e.getMessage());
        }
    }
}
