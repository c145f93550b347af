package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.CrawlAssertions.assertLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.Fetcher;
import dev.crawler.sink.CrawlResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bodies and documents held at once stay within {@code memory-budget} (plus the one page the budget
 * lets past it), a page too big for the budget is parsed in its first bytes, and running out of
 * memory on a fetcher stops the crawl as a failure with every URL in a final state.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemoryBudgetTest {
    private static final int PAGES = 8;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    /** A page of about {@code bytes} that is nothing but links (ten times its size parsed). */
    private static String linkPage(int bytes) {
        StringBuilder b = new StringBuilder("<html><head><title>links</title></head><body>\n");
        for (int i = 0; b.length() < bytes; i++) {
            b.append("<a href=\"/nowhere/").append(i).append("\">").append(i).append("</a>\n");
        }
        return b.append("</body></html>").toString();
    }

    private static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            seeds.add(wm.url("/big/" + i));
        }
        return seeds;
    }

    private static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .workers(PAGES)
                .hostConcurrency(PAGES)
                .hostDelay(Duration.ZERO)
                .respectRobots(false)
                .maxDepth(0);
    }

    @Test
    void pagesInHandStayWithinTheBudgetPlusOnePage() throws Exception {
        String page = linkPage(1 << 20);
        wm.stubFor(
                get(urlPathMatching("/big/.*"))
                        .willReturn(ok(page).withHeader("Content-Type", "text/html")));
        long budget = 4L << 20;
        TestCrawls.Run run =
                TestCrawls.crawl(
                        config().memoryBudget(budget).build(), seeds().toArray(String[]::new));
        assertThat(run.summary().fetched()).isEqualTo(PAGES);
        long onePage = (long) page.length() * 13; // body, raw copy and document
        // 8 pages at once would hold about 8 x 12 MiB; the budget lets one page past its 4 MiB
        assertThat(run.summary().peakHeldBytes())
                .isGreaterThan(page.length())
                .isLessThanOrEqualTo(budget + onePage);
    }

    /** Crawls one link page of {@code bytes} with a 1 MiB budget, with or without a handler. */
    private static CrawlResult.Fetched crawlOnePage(String page, boolean handled) throws Exception {
        wm.stubFor(
                get(urlPathMatching("/big/0"))
                        .willReturn(ok(page).withHeader("Content-Type", "text/html")));
        CollectingSink sink = new CollectingSink();
        Crawler.Builder builder =
                Crawler.builder()
                        .config(config().memoryBudget(1L << 20).maxLinksPerPage(100_000).build())
                        .seeds(wm.url("/big/0"))
                        .sink(sink);
        if (handled) {
            builder.handler(p -> p.emit("page", Map.of("title", p.text("title"))));
        }
        try (Crawler crawler = builder.build()) {
            crawler.run();
        }
        return (CrawlResult.Fetched) sink.byPath().get("/big/0");
    }

    @Test
    void aPageTooBigForTheBudgetIsParsedInItsFirstBytesAndMarkedTruncated() throws Exception {
        // a handler's document: a 1 MiB budget parses at most 4 MiB / 12 = 349,525 bytes of a page
        String page = linkPage(800_000);
        int linksInPage = page.split("<a ", -1).length - 1;
        CrawlResult.Fetched f = crawlOnePage(page, true);
        assertThat(f.truncated()).isTrue();
        assertThat(f.page().links().size())
                .as("links of the parsed part only")
                .isGreaterThan(1000)
                .isLessThan(linksInPage / 2);
        // the light parse holds a quarter of a document's bytes: 4 MiB / 4 = 1 MiB of a page
        String bigger = linkPage(1_600_000);
        CrawlResult.Fetched g = crawlOnePage(bigger, false);
        assertThat(g.truncated()).isTrue();
        assertThat(g.page().links().size())
                .isLessThan((bigger.split("<a ", -1).length - 1) * 3 / 4);
    }

    @Test
    void aPageTheLightParseCanHoldIsParsedWhole() throws Exception {
        // Before: the light parse was cut where a document would have been (349,525 bytes here),
        // so that halving the heap halved the pages crawled whole without a handler too.
        String page = linkPage(800_000);
        CrawlResult.Fetched f = crawlOnePage(page, false);
        assertThat(f.truncated()).isFalse();
        assertThat(f.page().links()).hasSize(page.split("<a ", -1).length - 1);
    }

    @Test
    void outOfMemoryOnAFetcherFailsItsUrlAndTheCrawl() throws Exception {
        TestCrawls.page(wm, "/", "root", "/a", "/b", "/c", "/d");
        for (String p : List.of("/a", "/b", "/c", "/d")) {
            TestCrawls.page(wm, p, p);
        }
        CollectingSink sink = new CollectingSink();
        CrawlFailedException e;
        try (Crawler crawler =
                Crawler.builder()
                        .config(config().workers(1).hostConcurrency(1).maxDepth(1).build())
                        .seeds(wm.url("/"))
                        .sink(sink)
                        .fetcherDecorator(
                                (Fetcher inner) ->
                                        (request, spec) -> {
                                            if (request.url().getPath().equals("/b")) {
                                                throw new OutOfMemoryError("simulated");
                                            }
                                            return inner.fetch(request, spec);
                                        })
                        .build()) {
            e = catchThrowableOfType(CrawlFailedException.class, crawler::run);
        }
        assertThat(e).as("a crawl out of memory is a failed crawl").isNotNull();
        CrawlSummary summary = e.summary();
        assertThat(summary.outOfMemory()).isTrue();
        assertThat(summary.error()).hasValueSatisfying(m -> assertThat(m).contains("simulated"));
        assertLedger(summary, sink);
        CrawlResult.Failed b = (CrawlResult.Failed) sink.byPath().get("/b");
        assertThat(b.error()).contains("OutOfMemoryError");
    }
}
