package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.TestCrawls.config;
import static dev.crawler.TestCrawls.crawl;
import static dev.crawler.TestCrawls.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.TestCrawls.Run;
import dev.crawler.sink.CrawlResult;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a page says about itself: robots directives, charsets, a body over the cap. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PageContentTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

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
