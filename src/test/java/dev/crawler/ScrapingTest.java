package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.CrawlAssertions.assertLedger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.extract.Rules;
import dev.crawler.request.LinkTag;
import dev.crawler.seed.Seed;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.Item;
import dev.crawler.sink.ItemSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScrapingTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    record Book(String title, String price, String from) {}

    @BeforeEach
    void site() {
        ShopSite.stub(wm);
    }

    static CrawlConfig config() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(8)
                .respectRobots(false)
                .retryBaseDelay(Duration.ofMillis(10))
                .build();
    }

    static String url(String path) {
        return wm.baseUrl() + path;
    }

    @Test
    void routesByLabelCarryUserDataAndFollowOnlyWhatHandlersFollow() throws Exception {
        CollectingSink sink = new CollectingSink();
        CollectingItemSink items = new CollectingItemSink();
        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder()
                        .config(config())
                        .seeds(
                                Seed.of(url("/catalogue/page-1.html"))
                                        .label("LIST")
                                        .userData(Map.of("shop", "s1")))
                        .route(
                                "LIST",
                                page -> {
                                    assertThat(page.userData()).isNotNull();
                                    page.followLinks("ul.pager li.next", "LIST");
                                    page.followLinks(
                                            "article.product_pod h3",
                                            LinkTag.label("BOOK")
                                                    .withUserData(
                                                            Map.of("from", page.url().getPath())));
                                    page.skipLinks();
                                })
                        .route(
                                "BOOK",
                                page -> {
                                    page.emit(
                                            new Book(
                                                    page.text("h1"),
                                                    page.text("p.price_color"),
                                                    page.userData().get("from")));
                                    page.skipLinks();
                                })
                        .sink(sink)
                        .items(items)
                        .build()) {
            summary = crawler.run();
        }
        assertLedger(summary, sink);
        assertThat(items.closed()).isTrue();
        assertThat(summary.fetched()).isEqualTo(ShopSite.PAGES + ShopSite.books());
        assertThat(summary.items()).isEqualTo(ShopSite.books());
        wm.verify(0, getRequestedFor(urlEqualTo("/about.html")));
        assertThat(items.items())
                .extracting(i -> ((Book) i.data()).title())
                .containsExactlyInAnyOrderElementsOf(ShopSite.titles());
        assertThat(items.items()).allMatch(i -> i.type().equals("BOOK"));
        Book first =
                items.items().stream()
                        .map(i -> (Book) i.data())
                        .filter(b -> b.title().equals("Book 1"))
                        .findFirst()
                        .orElseThrow();
        assertThat(first).isEqualTo(new Book("Book 1", "£11.01", "/catalogue/page-1.html"));
        Book fifth =
                items.items().stream()
                        .map(i -> (Book) i.data())
                        .filter(b -> b.title().equals("Book 5"))
                        .findFirst()
                        .orElseThrow();
        assertThat(fifth.from()).isEqualTo("/catalogue/page-2.html");
        CrawlResult.Fetched page2 =
                (CrawlResult.Fetched) sink.byPath().get("/catalogue/page-2.html");
        assertThat(page2.request().label()).contains("LIST");
        assertThat(page2.extracted().handled()).isTrue();
        CrawlResult.Fetched book =
                (CrawlResult.Fetched) sink.byPath().get("/catalogue/book-2/index.html");
        assertThat(book.request().label()).contains("BOOK");
        assertThat(book.extracted().items()).containsExactly(Map.entry("BOOK", 1));
    }

    @Test
    void aHandlerThatThrowsIsRecordedAndTheCrawlGoesOn() throws Exception {
        CollectingSink sink = new CollectingSink();
        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder()
                        .config(config().toBuilder().maxDepth(1).build())
                        .seeds(url("/catalogue/page-1.html"))
                        .route(
                                Pattern.compile("/book-2/"),
                                page -> {
                                    throw new IllegalStateException("no price here");
                                })
                        .handler(page -> page.emit("title", Map.of("t", page.text("title"))))
                        .sink(sink)
                        .build()) {
            summary = crawler.run();
        }
        assertLedger(summary, sink);
        assertThat(summary.handlerErrors()).isEqualTo(1);
        // page-1, its 3 books, page-2 and /about.html at depth 1; book-2's links still followed
        assertThat(summary.fetched()).isEqualTo(6);
        assertThat(summary.items()).isEqualTo(5);
        CrawlResult.Fetched broken =
                (CrawlResult.Fetched) sink.byPath().get("/catalogue/book-2/index.html");
        assertThat(broken.extracted().errors())
                .containsExactly("handler failed: java.lang.IllegalStateException: no price here");
    }

    @Test
    void rulesWriteCsvItemsAndCountThemInThePageRecords(@TempDir Path dir) throws Exception {
        JsonNode root =
                new YAMLMapper()
                        .readTree(
                                """
                                - name: listing
                                  urls: 'page-\\d+\\.html$'
                                  each: 'article.product_pod'
                                  follow: ['ul.pager li.next', 'article.product_pod h3']
                                  fields:
                                    title: 'h3 a::attr(title)'
                                    sku: { css: '.sku', required: true }
                                - name: book
                                  urls: '/book-\\d+/index\\.html$'
                                  follow: []
                                  fields:
                                    title: 'h1'
                                    price: { jsonld: 'Product.offers.price' }
                                    tags: { css: 'ul.tags li', all: true }
                                """);
        Rules rules = Rules.parse(root, "rules");
        Path csv = dir.resolve("items.csv");
        Path out = dir.resolve("pages.jsonl");
        CollectingSink sink = new CollectingSink();
        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder()
                        .config(config())
                        .seeds(url("/catalogue/page-1.html"))
                        .handler(rules)
                        .items(ItemSink.csv(csv, rules.columns()))
                        .sink(sink)
                        .sink(dev.crawler.sink.JsonLinesSink.toFile(out))
                        .build()) {
            summary = crawler.run();
        }
        assertLedger(summary, sink);
        wm.verify(0, getRequestedFor(urlEqualTo("/about.html")));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("type,url,title,sku,price,tags");
        assertThat(lines)
                .contains(
                        "book,"
                                + url("/catalogue/book-4/index.html")
                                + ",Book 4,,14.04,"
                                + "\"[\"\"t4\"\",\"\"all\"\"]\"");
        assertThat(lines).filteredOn(l -> l.startsWith("listing,")).hasSize(4); // 2 lack a sku
        assertThat(lines).filteredOn(l -> l.startsWith("book,")).hasSize(ShopSite.books());
        ObjectMapper json = new ObjectMapper();
        JsonNode page1 =
                Files.readAllLines(out).stream()
                        .map(l -> readTree(json, l))
                        .filter(n -> n.get("url").asText().endsWith("/page-1.html"))
                        .findFirst()
                        .orElseThrow();
        assertThat(page1.get("items").toString()).isEqualTo("{\"listing\":2}");
        assertThat(page1.get("extractErrors").get(0).asText())
                .isEqualTo(
                        "rule 'listing': an item not emitted: required field 'sku' had no match");
        assertThat(summary.items()).isEqualTo(4 + ShopSite.books());
    }

    private static JsonNode readTree(ObjectMapper m, String line) {
        try {
            return m.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void itemsAreJsonLinesWithTypeUrlAndData(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("items.jsonl");
        try (ItemSink sink = ItemSink.jsonLines(file)) {
            sink.accept(
                    new Item(
                            "book",
                            dev.crawler.request.CrawlRequest.seed(
                                    java.net.URI.create("http://x.test/b")),
                            new java.util.LinkedHashMap<>(
                                    java.util.Collections.singletonMap("price", null))));
            sink.accept(
                    new Item(
                            "rec",
                            dev.crawler.request.CrawlRequest.seed(
                                    java.net.URI.create("http://x.test/c")),
                            new Book("t", "1", null)));
            assertThat(Files.exists(file)).as("written as .part until the crawl ends").isFalse();
        }
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "{\"type\":\"book\",\"url\":\"http://x.test/b\",\"data\":{\"price\":null}}",
                        "{\"type\":\"rec\",\"url\":\"http://x.test/c\",\"data\":{\"title\":\"t\",\"price\":\"1\",\"from\":null}}");
    }
}
