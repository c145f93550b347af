package dev.crawler.engine;

import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.Gunzip;
import dev.crawler.frontier.Frontier;
import dev.crawler.parse.ParsedPage;
import dev.crawler.parse.SitemapReader;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Via;
import dev.crawler.sink.CrawlResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a fetcher does with a sitemap: reads its entries (pages, or the sitemaps of an index),
 * offers them to the frontier in batches, and records the sitemap. One instance per fetcher, on the
 * fetcher's thread.
 */
final class SitemapStep {
    /** Entries offered in one call, so that no batch holds the frontier long. */
    private static final int BATCH = 1_000;

    private final SitemapReader reader = new SitemapReader();
    private final Frontier frontier;
    private final Consumer<CrawlResult> finish;
    private final long maxBytes;
    private final int maxRatio;

    /**
     * @param finish makes the sitemap's URL final (the fetcher's one way to do so)
     * @param maxBytes {@code max-sitemap-size}, for the sitemap as inflated too
     * @param maxRatio {@code max-compression-ratio}
     */
    SitemapStep(Frontier frontier, Consumer<CrawlResult> finish, long maxBytes, int maxRatio) {
        this.frontier = frontier;
        this.finish = finish;
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
    }

    void handle(FetchResult.Page page) {
        CrawlRequest request = page.request();
        if (page.truncated()) {
            finish.accept(
                    new CrawlResult.Failed(
                            request,
                            Optional.of(page.info()),
                            "sitemap larger than max-sitemap-size (" + maxBytes + " bytes)"));
            return;
        }
        byte[] body = page.body();
        String contentType = page.info().contentType();
        if (Gunzip.isGzip(body)) {
            // a .xml.gz served without Content-Encoding: inflated here, capped, not by the parser
            switch (Gunzip.inflate(body, maxBytes, maxRatio)) {
                case Gunzip.Inflated plain -> {
                    body = plain.bytes();
                    contentType = looksLikeXml(body) ? "text/xml" : "text/plain";
                }
                case Gunzip.TooLarge tooLarge -> {
                    fail(
                            page,
                            "sitemap larger than max-sitemap-size once inflated ("
                                    + maxBytes
                                    + " bytes)");
                    return;
                }
                case Gunzip.Refused refused -> {
                    fail(page, "invalid sitemap: " + refused.reason());
                    return;
                }
            }
        }
        List<String> entries;
        switch (reader.read(body, contentType, request.url())) {
            case SitemapReader.Invalid invalid -> {
                finish.accept(
                        new CrawlResult.Failed(
                                request,
                                Optional.of(page.info()),
                                "invalid sitemap: " + invalid.reason()));
                return;
            }
            case SitemapReader.Index index -> {
                entries = index.sitemaps();
                offerInBatches(entries, request, Via.SITEMAP);
            }
            case SitemapReader.Pages pages -> {
                entries = pages.urls();
                offerInBatches(entries, request, Via.SITEMAP_ENTRY);
            }
        }
        finish.accept(
                new CrawlResult.Fetched(
                        request,
                        page.info(),
                        ParsedPage.ofSitemap(entries),
                        page.truncated(),
                        page.exchange()));
    }

    private void fail(FetchResult.Page page, String reason) {
        finish.accept(new CrawlResult.Failed(page.request(), Optional.of(page.info()), reason));
    }

    /** Whether inflated content starts like XML (after white space and a byte-order mark). */
    private static boolean looksLikeXml(byte[] body) {
        for (byte b : body) {
            if (b == '<') return true;
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && (b & 0xff) < 0x80) return false;
        }
        return false;
    }

    private void offerInBatches(List<String> urls, CrawlRequest from, Via via) {
        for (int i = 0; i < urls.size(); i += BATCH) {
            frontier.offerAll(urls.subList(i, Math.min(urls.size(), i + BATCH)), from, via);
        }
    }
}
