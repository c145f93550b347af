package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.TestCrawls.crawl;
import static dev.crawler.TestCrawls.html;
import static dev.crawler.TestCrawls.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crawler.TestCrawls.Run;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** robots.txt, sitemaps, per-host politeness, adaptive slowdown, directives and charsets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PolitenessTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @RegisterExtension
    static WireMockExtension other =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    private static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(8)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofSeconds(5))
                .fetchTimeout(Duration.ofSeconds(10));
    }

    private static void robots(WireMockExtension server, String body) {
        server.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .willReturn(ok(body).withHeader("Content-Type", "text/plain")));
    }

    private static List<Long> arrivals(WireMockExtension server, String pathPrefix) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(pathPrefix))
                .filter(e -> !e.getRequest().getUrl().equals("/robots.txt"))
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    // ---- per-host politeness -------------------------------------------------------------------

    @Test
    void aSlowHostDoesNotHoldUpAnotherHost() throws Exception {
        // wm: Crawl-delay 1 s, so one request per second. other: no robots.txt, no delay.
        robots(wm, "User-agent: *\nCrawl-delay: 1\n");
        page(wm, "/", "Slow root", "/s1", "/s2", "/s3");
        for (int i = 1; i <= 3; i++) page(wm, "/s" + i, "Slow " + i);
        String[] fastLinks = new String[10];
        for (int i = 0; i < 10; i++) {
            fastLinks[i] = "/f" + i;
            page(other, "/f" + i, "Fast " + i);
        }
        page(other, "/", "Fast root", fastLinks);

        Run run = crawl(config().workers(4).build(), wm.baseUrl() + "/", other.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(4 + 11);
        List<Long> slow = arrivals(wm, "/s");
        List<Long> fast = arrivals(other, "/");
        assertThat(slow).hasSize(3);
        long slowThird = slow.get(2);
        long fastBefore = fast.stream().filter(t -> t < slowThird).count();
        assertThat(fastBefore)
                .as("fast-host pages fetched before the slow host's third page")
                .isEqualTo(11);
        // and the slow host really was held to one request per second, robots.txt included
        List<Long> slowAll =
                wm.getAllServeEvents().stream()
                        .map(e -> e.getRequest().getLoggedDate().getTime())
                        .sorted()
                        .toList();
        for (int i = 1; i < slowAll.size(); i++) {
            assertThat(slowAll.get(i) - slowAll.get(i - 1)).isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void hostDelaySpacesRequestsToOneHost() throws Exception {
        page(wm, "/", "Root", "/a", "/b", "/c");
        for (String p : List.of("/a", "/b", "/c")) page(wm, p, p);

        crawl(
                config().respectRobots(false).hostDelay(Duration.ofMillis(200)).build(),
                wm.baseUrl() + "/");

        List<Long> times = arrivals(wm, "/");
        assertThat(times).hasSize(4);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void retryAfterHoldsOffTheWholeHost() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/a"))
                        .inScenario("busy")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
                        .willSetStateTo("ok"));
        wm.stubFor(
                get(urlEqualTo("/a"))
                        .inScenario("busy")
                        .whenScenarioStateIs("ok")
                        .willReturn(ok(html("A")).withHeader("Content-Type", "text/html")));
        page(wm, "/b", "B");
        page(wm, "/c", "C");

        // One at a time, so /b and /c queue behind /a on the same host.
        crawl(
                config().respectRobots(false).hostConcurrency(1).build(),
                wm.baseUrl() + "/a",
                wm.baseUrl() + "/b",
                wm.baseUrl() + "/c");

        List<ServeEvent> events =
                wm.getAllServeEvents().stream()
                        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                        .toList();
        assertThat(events).hasSize(4);
        assertThat(events.get(0).getResponse().getStatus()).isEqualTo(503);
        long gap =
                events.get(1).getRequest().getLoggedDate().getTime()
                        - events.get(0).getRequest().getLoggedDate().getTime();
        assertThat(gap)
                .as("next request to the host after a 503 with Retry-After: 1")
                .isGreaterThanOrEqualTo(1000);
    }

    // ---- robots.txt
    // ------------------------------------------------------------------------------

    @Test
    void obeysTheGroupForOurAgentAndFetchesRobotsOnce() throws Exception {
        robots(wm, "User-agent: jvm-crawler\nDisallow: /no/\n\nUser-agent: *\nDisallow: /\n");
        page(wm, "/", "Root", "/yes", "/no/x", "/yes2");
        page(wm, "/yes", "Yes");
        page(wm, "/yes2", "Yes 2");
        page(wm, "/no/x", "No");

        Run run = crawl(config().build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(3);
        CrawlResult.Skipped no = (CrawlResult.Skipped) run.sink().byPath().get("/no/x");
        assertThat(no.reason()).isEqualTo("disallowed by robots.txt");
        wm.verify(0, getRequestedFor(urlEqualTo("/no/x")));
        wm.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
    }

    @Test
    void missingOrForbiddenRobotsTxtAllowsEverything() throws Exception {
        wm.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(404)));
        other.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(403)));
        page(wm, "/private/a", "A");
        page(other, "/private/b", "B");

        Run run =
                crawl(
                        config().build(),
                        wm.baseUrl() + "/private/a",
                        other.baseUrl() + "/private/b");

        assertThat(run.summary().fetched()).isEqualTo(2);
    }

    @Test
    void robotsTxtServerErrorHoldsTheHostThenRetries() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .inScenario("r")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503))
                        .willSetStateTo("up"));
        wm.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .inScenario("r")
                        .whenScenarioStateIs("up")
                        .willReturn(ok("User-agent: *\nDisallow: /no\n")));
        page(wm, "/", "Root", "/no");

        Run run = crawl(config().build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(1);
        assertThat(((CrawlResult.Skipped) run.sink().byPath().get("/no")).reason())
                .isEqualTo("disallowed by robots.txt");
        wm.verify(2, getRequestedFor(urlEqualTo("/robots.txt")));
        // nothing was fetched from the host before its rules were known
        List<ServeEvent> events =
                wm.getAllServeEvents().stream()
                        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                        .toList();
        assertThat(events.get(0).getRequest().getUrl()).isEqualTo("/robots.txt");
        assertThat(events.get(1).getRequest().getUrl()).isEqualTo("/robots.txt");
    }

    @Test
    void unreachableRobotsTxtFailsTheHostsUrlsWithoutFetchingThem() throws Exception {
        wm.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(500)));
        page(wm, "/", "Root");

        Run run =
                crawl(config().maxAttempts(2).build(), wm.baseUrl() + "/", wm.baseUrl() + "/other");

        assertThat(run.summary().failed()).isEqualTo(2);
        assertThat(((CrawlResult.Failed) run.sink().byPath().get("/")).error())
                .isEqualTo("robots.txt unavailable: HTTP 500 (after 2 attempts)");
        wm.verify(0, getRequestedFor(urlEqualTo("/")));
    }

    @Test
    void followsRedirectsOfRobotsTxt() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .willReturn(
                                aResponse()
                                        .withStatus(301)
                                        .withHeader("Location", "/real-robots.txt")));
        wm.stubFor(
                get(urlEqualTo("/real-robots.txt"))
                        .willReturn(ok("User-agent: *\nDisallow: /no\n")));
        page(wm, "/", "Root", "/no");

        Run run = crawl(config().build(), wm.baseUrl() + "/");

        assertThat(run.sink().byPath().get("/no")).isInstanceOf(CrawlResult.Skipped.class);
        wm.verify(0, getRequestedFor(urlEqualTo("/no")));
    }

    @Test
    void crawlDelayIsCappedByMaxCrawlDelay() throws Exception {
        robots(wm, "User-agent: *\nCrawl-delay: 3600\n");
        page(wm, "/", "Root", "/a", "/b");
        page(wm, "/a", "A");
        page(wm, "/b", "B");

        Run run = crawl(config().maxCrawlDelay(Duration.ofMillis(300)).build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(3);
        List<Long> times = arrivals(wm, "/");
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void ignoreRobotsSwitchesItOff() throws Exception {
        robots(wm, "User-agent: *\nDisallow: /\n");
        page(wm, "/", "Root");

        Run run = crawl(config().respectRobots(false).build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(1);
        wm.verify(0, getRequestedFor(urlEqualTo("/robots.txt")));
    }

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

    // ---- directives
    // ------------------------------------------------------------------------------

    @Test
    void honoursNofollowMetaRobotsAndXRobotsTag() throws Exception {
        page(wm, "/", "Root", "/meta", "/header");
        wm.stubFor(
                get(urlEqualTo("/"))
                        .willReturn(
                                ok("<title>Root</title><a href=/meta>m</a><a href=/header>h</a>"
                                                + "<a rel=\"external nofollow\" href=/nf>nf</a>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlEqualTo("/meta"))
                        .willReturn(
                                ok("<meta name=robots content=\"noindex, nofollow\"><a href=/m1>x</a>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlEqualTo("/header"))
                        .willReturn(
                                ok("<a href=/h1>x</a>")
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader("X-Robots-Tag", "nofollow")));

        Run run = crawl(config().respectRobots(false).build(), wm.baseUrl() + "/");

        assertThat(run.sink().byPath()).containsOnlyKeys("/", "/meta", "/header");
        CrawlResult.Fetched meta = (CrawlResult.Fetched) run.sink().byPath().get("/meta");
        assertThat(meta.page().directives().noindex()).isTrue();
        assertThat(
                        ((CrawlResult.Fetched) run.sink().byPath().get("/header"))
                                .page()
                                .directives()
                                .nofollow())
                .isTrue();
        wm.verify(0, getRequestedFor(urlEqualTo("/nf")));
        wm.verify(0, getRequestedFor(urlEqualTo("/m1")));
        wm.verify(0, getRequestedFor(urlEqualTo("/h1")));
    }

    // ---- content
    // ---------------------------------------------------------------------------------

    @Test
    void decodesWindows1252AndShiftJisPages() throws Exception {
        Charset cp1252 = Charset.forName("windows-1252");
        Charset sjis = Charset.forName("Shift_JIS");
        String quote = "\u201cCaf\u00e9\u201d \u20ac5"; // curly quotes, e-acute, euro sign
        String japanese = "\u65e5\u672c\u8a9e\u306e\u30da\u30fc\u30b8";
        wm.stubFor(
                get(urlEqualTo("/header1252"))
                        .willReturn(
                                ok().withBody(("<title>" + quote + "</title>").getBytes(cp1252))
                                        .withHeader(
                                                "Content-Type",
                                                "text/html; charset=windows-1252")));
        wm.stubFor(
                get(urlEqualTo("/meta1252"))
                        .willReturn(
                                ok().withBody(
                                                ("<html><head><meta charset=\"windows-1252\"><title>"
                                                                + quote
                                                                + "</title></head></html>")
                                                        .getBytes(cp1252))
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlEqualTo("/sjis"))
                        .willReturn(
                                ok().withBody(
                                                ("<html><head><meta http-equiv=\"Content-Type\" "
                                                                + "content=\"text/html; charset=Shift_JIS\"><title>"
                                                                + japanese
                                                                + "</title></head></html>")
                                                        .getBytes(sjis))
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlEqualTo("/bogus"))
                        .willReturn(
                                ok().withBody(
                                                "<title>plain</title>"
                                                        .getBytes(StandardCharsets.UTF_8))
                                        .withHeader(
                                                "Content-Type",
                                                "text/html; charset=no-such-charset")));

        Run run =
                crawl(
                        config().respectRobots(false).build(),
                        wm.baseUrl() + "/header1252",
                        wm.baseUrl() + "/meta1252",
                        wm.baseUrl() + "/sjis",
                        wm.baseUrl() + "/bogus");

        assertThat(((CrawlResult.Fetched) run.sink().byPath().get("/header1252")).page().title())
                .isEqualTo(quote);
        assertThat(((CrawlResult.Fetched) run.sink().byPath().get("/meta1252")).page().title())
                .isEqualTo(quote);
        assertThat(((CrawlResult.Fetched) run.sink().byPath().get("/sjis")).page().title())
                .isEqualTo(japanese);
        assertThat(((CrawlResult.Fetched) run.sink().byPath().get("/bogus")).page().title())
                .isEqualTo("plain");
    }

    @Test
    void aBodyOverTheCapIsCutAndMarkedTruncated() throws Exception {
        String big =
                "<html><title>Big</title><body>"
                        + "x".repeat(50_000)
                        + "<a href=/late>late</a></body></html>";
        wm.stubFor(
                get(urlEqualTo("/big"))
                        .willReturn(ok(big).withHeader("Content-Type", "text/html")));

        Run run =
                crawl(
                        config().respectRobots(false).maxBodySize(10_240).build(),
                        wm.baseUrl() + "/big");

        CrawlResult.Fetched f = (CrawlResult.Fetched) run.sink().byPath().get("/big");
        assertThat(f.truncated()).isTrue();
        assertThat(f.info().bytes()).isEqualTo(10_240);
        assertThat(f.page().title()).isEqualTo("Big");
        wm.verify(0, getRequestedFor(urlEqualTo("/late")));
    }
}
