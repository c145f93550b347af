package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.crawler.CrawlAssertions.assertLedger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.Fetcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/** Runs a crawl to its end for a test, and the stubs the crawl tests share. */
final class TestCrawls {
    private TestCrawls() {}

    /** A finished crawl: its summary and every record. */
    record Run(CrawlSummary summary, CollectingSink sink) {}

    /** Crawls {@code seeds} and checks the ledger. */
    static Run crawl(CrawlConfig config, String... seeds) throws InterruptedException {
        return crawl(config, UnaryOperator.identity(), seeds);
    }

    /** Crawls {@code seeds} through a fetcher decorator and checks the ledger. */
    static Run crawl(CrawlConfig config, UnaryOperator<Fetcher> decorator, String... seeds)
            throws InterruptedException {
        CollectingSink sink = new CollectingSink();
        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder()
                        .config(config)
                        .seeds(seeds)
                        .sink(sink)
                        .fetcherDecorator(decorator)
                        .build()) {
            summary = crawler.run();
        }
        assertLedger(summary, sink);
        return new Run(summary, sink);
    }

    /** A small HTML page with a title and links. */
    static String html(String title, String... links) {
        StringBuilder b =
                new StringBuilder("<html><head><title>")
                        .append(title)
                        .append("</title></head><body>");
        for (String l : links) {
            b.append("<a href=\"").append(l).append("\">").append(l).append("</a>");
        }
        return b.append("</body></html>").toString();
    }

    /** Stubs {@code path} on {@code server} with such a page. */
    static void page(WireMockExtension server, String path, String title, String... links) {
        server.stubFor(
                get(urlEqualTo(path))
                        .willReturn(
                                ok(html(title, links)).withHeader("Content-Type", "text/html")));
    }

    /** Quick settings for crawls of a local test server: no delay, short retries. */
    static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(8)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofSeconds(5))
                .fetchTimeout(Duration.ofSeconds(10));
    }

    /** Stubs {@code /robots.txt} on {@code server}. */
    static void robots(WireMockExtension server, String body) {
        server.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .willReturn(ok(body).withHeader("Content-Type", "text/plain")));
    }

    /**
     * A site whose robots.txt names 8,000 sitemaps on other hosts (each refused, which takes a
     * while) before its own, which lists {@code /listed}; its root page links nowhere. Its base
     * URL.
     */
    static String siteOfLateSitemaps(WireMockExtension server) {
        String base = server.baseUrl();
        StringBuilder robotsTxt = new StringBuilder("User-agent: *\nAllow: /\n");
        for (int i = 0; i < 8_000; i++) {
            robotsTxt.append("Sitemap: http://elsewhere").append(i).append(".invalid/s.xml\n");
        }
        robotsTxt.append("Sitemap: ").append(base).append("/sitemap.xml\n");
        robots(server, robotsTxt.toString());
        page(server, "/", "Root");
        server.stubFor(
                get(urlEqualTo("/sitemap.xml"))
                        .willReturn(
                                ok(base + "/listed\n").withHeader("Content-Type", "text/plain")));
        page(server, "/listed", "Listed");
        return base;
    }

    /** {@code text} in UTF-8, gzipped. */
    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
