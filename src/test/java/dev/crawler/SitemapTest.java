package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.TestCrawls.config;
import static dev.crawler.TestCrawls.crawl;
import static dev.crawler.TestCrawls.gzip;
import static dev.crawler.TestCrawls.page;
import static dev.crawler.TestCrawls.robots;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.TestCrawls.Run;
import dev.crawler.sink.CrawlResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sitemaps: named by robots.txt or given as seeds, in every format, with their depth, size and
 * entity guards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SitemapTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    // ---- sitemaps
    // --------------------------------------------------------------------------------

    @Test
    void followsSitemapsFromRobotsTxtInEveryFormat() throws Exception {
        String base = wm.baseUrl();
        robots(wm, "User-agent: *\nAllow: /\nSitemap: " + base + "/sitemap_index.xml\n");
        page(wm, "/", "Root");
        wm.stubFor(
                get(urlEqualTo("/sitemap_index.xml"))
                        .willReturn(
                                ok("""
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>%1$s/sitemap1.xml</loc></sitemap>
                  <sitemap><loc>%1$s/sitemap2.xml.gz</loc></sitemap>
                  <sitemap><loc>%1$s/sitemap3.txt</loc></sitemap>
                </sitemapindex>"""
                                                .replace("%1$s", base))
                                        .withHeader("Content-Type", "application/xml")));
        wm.stubFor(
                get(urlEqualTo("/sitemap1.xml"))
                        .willReturn(
                                ok("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%1$s/x1</loc></url><url><loc>%1$s/x2</loc></url>
                </urlset>"""
                                                .replace("%1$s", base))
                                        .withHeader("Content-Type", "application/xml")));
        wm.stubFor(
                get(urlEqualTo("/sitemap2.xml.gz"))
                        .willReturn(
                                ok().withBody(
                                                gzip(
                                                        """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%1$s/z1</loc></url>
                </urlset>"""
                                                                .replace("%1$s", base)))
                                        .withHeader("Content-Type", "application/gzip")));
        wm.stubFor(
                get(urlEqualTo("/sitemap3.txt"))
                        .willReturn(
                                ok(base + "/t1\n" + base + "/t2\n")
                                        .withHeader("Content-Type", "text/plain")));
        for (String p : List.of("/x1", "/x2", "/z1", "/t1", "/t2")) page(wm, p, p);

        Run run = crawl(config().build(), base + "/");

        assertThat(run.sink().byPath()).containsKeys("/x1", "/x2", "/z1", "/t1", "/t2");
        for (String p :
                List.of(
                        "/x1",
                        "/x2",
                        "/z1",
                        "/t1",
                        "/t2",
                        "/sitemap_index.xml",
                        "/sitemap1.xml",
                        "/sitemap2.xml.gz",
                        "/sitemap3.txt")) {
            assertThat(run.sink().byPath().get(p)).as(p).isInstanceOf(CrawlResult.Fetched.class);
        }
        assertThat(
                        ((CrawlResult.Fetched) run.sink().byPath().get("/sitemap_index.xml"))
                                .page()
                                .links())
                .hasSize(3);
        assertThat(run.summary().fetched()).isEqualTo(1 + 4 + 5);
    }

    @Test
    void theCrawlWaitsForTheSitemapsOfARobotsTxtEvenWhenItsOnlyPageIsQuick() throws Exception {
        // Before: the host's waiting seed was handed out before the sitemaps its robots.txt names
        // were offered; when the seed ended first, nothing was outstanding and the crawl ended
        // without them. Thousands of sitemaps on other hosts (each refused) widen that window.
        String base = TestCrawls.siteOfLateSitemaps(wm);

        Run run = crawl(config().build(), base + "/");

        assertThat(run.sink().byPath()).containsKeys("/", "/sitemap.xml", "/listed");
        assertThat(run.summary().fetched()).isEqualTo(3);
    }

    /**
     * A site whose robots.txt names a sitemap listing {@code /listed}, which links to {@code
     * /deeper}; its base URL.
     */
    private static String sitemapSite() {
        String base = wm.baseUrl();
        robots(wm, "User-agent: *\nAllow: /\nSitemap: " + base + "/sitemap.xml\n");
        page(wm, "/", "Root");
        wm.stubFor(
                get(urlEqualTo("/sitemap.xml"))
                        .willReturn(
                                ok("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                                                + "<url><loc>"
                                                + base
                                                + "/listed</loc></url></urlset>")
                                        .withHeader("Content-Type", "application/xml")));
        page(wm, "/listed", "Listed", "/deeper");
        page(wm, "/deeper", "Deeper");
        return base;
    }

    @Test
    void maxDepthHoldsForWhatSitemapsList() throws Exception {
        String base = sitemapSite();

        // before: the sitemap's pages came in at depth 0, past any max-depth
        Run zero = crawl(config().maxDepth(0).build(), base + "/");
        assertThat(zero.sink().byPath()).doesNotContainKey("/listed");
        wm.verify(0, getRequestedFor(urlEqualTo("/listed")));
        assertThat(zero.summary().rejected()).containsEntry("too-deep", 1L);

        Run one = crawl(config().maxDepth(1).build(), base + "/");
        assertThat(one.sink().byPath().get("/listed").request().depth()).isEqualTo(1);
        assertThat(one.sink().byPath()).doesNotContainKey("/deeper"); // two hops
    }

    @Test
    void aSeedsOwnDepthLimitHoldsForTheSitemapsOfItsHostsRobotsTxt() throws Exception {
        String base = sitemapSite();
        CollectingSink sink = new CollectingSink();
        // a service submission's "maxDepth": 0 is such a seed; the crawl's own limit is far off
        try (Crawler crawler =
                Crawler.builder()
                        .config(config().maxDepth(10).build())
                        .seeds(dev.crawler.seed.Seed.of(base + "/").depthLimit(0))
                        .sink(sink)
                        .build()) {
            crawler.run();
        }
        // before: the sitemap came in as a seed of its own, without the limit: both were fetched
        wm.verify(0, getRequestedFor(urlEqualTo("/listed")));
        wm.verify(0, getRequestedFor(urlEqualTo("/deeper")));
        assertThat(sink.byPath()).containsKeys("/", "/sitemap.xml");
    }

    @Test
    void aGzippedSitemapBombIsRefusedAndOneOfMoreThan50000EntriesIsCut() throws Exception {
        String base = wm.baseUrl();
        // 60 MB of white space inside a valid urlset, gzipped to ~60 KB, served as a file
        String head =
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                        + "<url><loc>"
                        + base
                        + "/bombed</loc></url>";
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            gz.write(head.getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 60; i++) gz.write(spaces);
            gz.write("</urlset>".getBytes(StandardCharsets.UTF_8));
        }
        wm.stubFor(
                get(urlEqualTo("/bomb.xml.gz"))
                        .willReturn(
                                ok().withBody(bomb.toByteArray())
                                        .withHeader("Content-Type", "application/gzip")));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 50_010; i++) many.append(base).append("/m/").append(i).append('\n');
        wm.stubFor(
                get(urlEqualTo("/sitemap-many.txt"))
                        .willReturn(ok(many.toString()).withHeader("Content-Type", "text/plain")));

        Run run =
                crawl(
                        config().respectRobots(false).maxDepth(0).build(),
                        base + "/bomb.xml.gz",
                        base + "/sitemap-many.txt");

        CrawlResult.Failed bombed = (CrawlResult.Failed) run.sink().byPath().get("/bomb.xml.gz");
        assertThat(bombed.error()).contains("compression bomb");
        wm.verify(0, getRequestedFor(urlEqualTo("/bombed")));
        CrawlResult.Fetched listed =
                (CrawlResult.Fetched) run.sink().byPath().get("/sitemap-many.txt");
        assertThat(listed.page().links()).hasSize(50_000); // the protocol's limit
    }

    @Test
    void aSeedThatIsASitemapIsReadAsOne() throws Exception {
        String base = wm.baseUrl();
        wm.stubFor(
                get(urlEqualTo("/sitemap.xml"))
                        .willReturn(
                                ok("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>"
                                                + base
                                                + "/only</loc></url></urlset>")
                                        .withHeader("Content-Type", "text/xml")));
        page(wm, "/only", "Only");

        Run run = crawl(config().respectRobots(false).build(), base + "/sitemap.xml");

        assertThat(run.sink().byPath().get("/only")).isInstanceOf(CrawlResult.Fetched.class);
    }

    @Test
    void refusesXmlExternalEntitiesInSitemaps() throws Exception {
        String base = wm.baseUrl();
        String xxe =
                """
                <?xml version="1.0"?>
                <!DOCTYPE urlset [ <!ENTITY leak SYSTEM "%1$s/secret"> <!ENTITY file SYSTEM "file:///etc/passwd"> ]>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%1$s/&leak;</loc></url><url><loc>%1$s/&file;</loc></url>
                </urlset>"""
                        .replace("%1$s", base);
        wm.stubFor(
                get(urlEqualTo("/sitemap.xml"))
                        .willReturn(ok(xxe).withHeader("Content-Type", "application/xml")));
        wm.stubFor(
                get(urlEqualTo("/sitemap-gz.xml.gz"))
                        .willReturn(
                                ok().withBody(gzip(xxe))
                                        .withHeader("Content-Type", "application/gzip")));
        wm.stubFor(get(urlEqualTo("/secret")).willReturn(ok("leaked-secret")));

        Run run =
                crawl(
                        config().respectRobots(false).build(),
                        base + "/sitemap.xml",
                        base + "/sitemap-gz.xml.gz");

        assertThat(((CrawlResult.Failed) run.sink().byPath().get("/sitemap.xml")).error())
                .contains("DOCTYPE is disallowed");
        assertThat(run.sink().byPath().get("/sitemap-gz.xml.gz"))
                .isInstanceOf(CrawlResult.Failed.class);
        assertThat(run.summary().admitted()).isEqualTo(2); // nothing listed got in
        wm.verify(0, getRequestedFor(urlEqualTo("/secret")));
    }

    @Test
    void aSitemapOverTheSizeCapFails() throws Exception {
        StringBuilder big =
                new StringBuilder("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (int i = 0; i < 200; i++)
            big.append("<url><loc>")
                    .append(wm.baseUrl())
                    .append("/p")
                    .append(i)
                    .append("</loc></url>");
        wm.stubFor(
                get(urlEqualTo("/sitemap.xml"))
                        .willReturn(
                                ok(big + "</urlset>")
                                        .withHeader("Content-Type", "application/xml")));

        Run run =
                crawl(
                        config().respectRobots(false).maxSitemapSize(1024).build(),
                        wm.baseUrl() + "/sitemap.xml");

        assertThat(((CrawlResult.Failed) run.sink().byPath().get("/sitemap.xml")).error())
                .contains("larger than max-sitemap-size");
        assertThat(run.summary().admitted()).isEqualTo(1);
    }
}
