package dev.crawler.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.seed.Seed;
import dev.crawler.sink.WarcSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestKitTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;

    private static void html(String path, String body) {
        wm.stubFor(
                get(urlEqualTo(path))
                        .willReturn(
                                ok(body).withHeader("Content-Type", "text/html; charset=utf-8")));
    }

    @BeforeEach
    void site() {
        html(
                "/",
                "<title>Home</title><a href=/list>list</a><a href=/gone>gone</a><a href=/pic.png>p</a>");
        html("/list", "<title>List</title><a class=b href=/b/1>1</a><a class=b href=/b/2>2</a>");
        html("/b/1", "<title>B1</title><h1>First</h1>");
        html("/b/2", "<title>B2</title><h1>Second</h1>");
        wm.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(
                get(urlEqualTo("/pic.png"))
                        .willReturn(ok("png").withHeader("Content-Type", "image/png")));
    }

    @Test
    void aTestCrawlIsFastAndEasyToAssertOn() throws Exception {
        TestCrawl crawl =
                CrawlTester.create()
                        .route("LIST", page -> page.followLinks("a.b", "BOOK"))
                        .route("BOOK", page -> page.emit(Map.of("h1", page.text("h1"))))
                        .crawl(
                                Seed.of(wm.baseUrl() + "/list").label("LIST"),
                                Seed.of(wm.baseUrl() + "/"));
        crawl.assertLedgerBalanced()
                .assertNoCrawlError()
                .assertFetched("/")
                .assertFetched("/b/1")
                .assertFailed("/gone", "HTTP 404")
                .assertSkipped("/pic.png", "not HTML")
                .assertNotCrawled("/elsewhere");
        assertThat(crawl.data("BOOK"))
                .containsExactlyInAnyOrder(Map.of("h1", "First"), Map.of("h1", "Second"));
        assertThat(crawl.summary().fetched()).isEqualTo(4);
        assertThatThrownBy(() -> crawl.assertFetched("/gone"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("/gone was not fetched: failed: HTTP 404");
        assertThatThrownBy(() -> crawl.assertFetched("/nowhere"))
                .hasMessageStartingWith("/nowhere was not crawled; records: {fetched=");
    }

    @Test
    void aFolderOfSavedPagesIsReplayedAsASite() throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(
                dir.resolve("index.html"), "<title>Saved</title><a href=docs/a.html>a</a>");
        Files.writeString(dir.resolve("docs/a.html"), "<title>A</title><h1>Saved A</h1>");
        try (ReplaySite site = ReplaySite.fromFolder(dir)) {
            TestCrawl crawl =
                    CrawlTester.create()
                            .handler(page -> page.emit("page", Map.of("title", page.text("title"))))
                            .crawl(site.url("/"));
            crawl.assertFetched("/").assertFetched("/docs/a.html").assertLedgerBalanced();
            assertThat(crawl.data("page"))
                    .containsExactlyInAnyOrder(Map.of("title", "Saved"), Map.of("title", "A"));
        }
    }

    @Test
    void aWarcIsReplayedAsTheSiteItArchived() throws Exception {
        Path warcs = dir.resolve("warc");
        TestCrawl original =
                CrawlTester.create()
                        .customize(
                                b -> {
                                    try {
                                        b.sink(new WarcSink(warcs, "t", 1 << 30, "test"));
                                    } catch (java.io.IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                })
                        .crawl(wm.baseUrl() + "/");
        original.assertFetched("/b/2");
        Path warc;
        try (var files = Files.list(warcs)) {
            warc = files.filter(p -> p.toString().endsWith(".warc.gz")).findFirst().orElseThrow();
        }
        try (ReplaySite site = ReplaySite.fromWarc(warc)) {
            assertThat(site.size()).isEqualTo(4); // the fetched pages; failures are not archived
            TestCrawl replayed =
                    CrawlTester.create()
                            .handler(page -> page.emit("h1", Map.of("h1", page.text("h1"))))
                            .crawl(site.url("/"));
            replayed.assertFetched("/")
                    .assertFetched("/list")
                    .assertFetched("/b/1")
                    .assertFetched("/b/2");
            replayed.assertFailed("/gone", "HTTP 404"); // not saved: a 404 here too
            assertThat(replayed.data("h1")).contains(Map.of("h1", "First"), Map.of("h1", "Second"));
        }
    }
}
