package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.extract.Page;
import dev.crawler.frontier.CrawlState;
import dev.crawler.request.LinkTag;
import dev.crawler.seed.Seed;
import dev.crawler.sink.Item;
import dev.crawler.testing.LocalRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels and user data travel with requests through the persistent frontier (a resumed crawl routes
 * its pending pages by the labels they were followed with) and through Redis (pages claimed by
 * another process are routed and carry the data of the process that followed them).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScrapingStateTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = new LocalRedis();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void site() {
        ShopSite.stub(wm);
    }

    record Book(String title, String from, String shop) {}

    static void list(Page page) {
        page.followLinks("ul.pager li.next", LinkTag.label("LIST").withUserData(page.userData()));
        page.followLinks(
                "article.product_pod h3",
                LinkTag.label("BOOK")
                        .withPriority(5)
                        .withUserData(
                                Map.of(
                                        "from", page.url().getPath(),
                                        "shop", page.userData().getOrDefault("shop", "?"))));
        page.skipLinks();
    }

    static void book(Page page) {
        page.emit(
                new Book(
                        page.text("h1"), page.userData().get("from"), page.userData().get("shop")));
        page.skipLinks();
    }

    static void assertBooks(List<Item> items) {
        assertThat(items)
                .extracting(i -> ((Book) i.data()).title())
                .containsExactlyInAnyOrderElementsOf(ShopSite.titles());
        for (Item i : items) {
            Book b = (Book) i.data();
            int k = Integer.parseInt(b.title().substring("Book ".length()));
            int listPage = (k - 1) / ShopSite.PER_PAGE + 1;
            assertThat(b.from()).isEqualTo("/catalogue/page-" + listPage + ".html");
            assertThat(b.shop()).isEqualTo("s1");
            assertThat(i.request().label()).contains("BOOK");
            assertThat(i.request().priority()).isEqualTo(5);
        }
    }

    private static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(4)
                .respectRobots(false)
                .adaptiveDelay(false);
    }

    private static Seed seed() {
        return Seed.of(wm.url("/catalogue/page-1.html"))
                .label("LIST")
                .userData(Map.of("shop", "s1"));
    }

    @Test
    void aResumedCrawlRoutesItsPendingPagesByTheirLabels(@TempDir Path dir) throws Exception {
        CollectingItemSink first = new CollectingItemSink();
        AtomicReference<Crawler> running = new AtomicReference<>();
        CrawlSummary one;
        try (CrawlState state = CrawlState.open(dir.resolve("state"));
                Crawler crawler =
                        Crawler.builder()
                                .config(config().workers(1).build())
                                .seeds(seed())
                                .state(state)
                                .route(
                                        "LIST",
                                        page -> {
                                            list(page);
                                            running.get().cancel(); // stop with the books pending
                                        })
                                .route("BOOK", ScrapingStateTest::book)
                                .items(first)
                                .build()) {
            running.set(crawler);
            one = crawler.run();
        }
        assertThat(one.pending()).as("books left for the next run").isPositive();

        CollectingItemSink second = new CollectingItemSink();
        CrawlSummary two;
        try (CrawlState state = CrawlState.open(dir.resolve("state"));
                Crawler crawler =
                        Crawler.builder()
                                .config(config().build())
                                .state(state)
                                .route("LIST", ScrapingStateTest::list)
                                .route("BOOK", ScrapingStateTest::book)
                                .items(second)
                                .build()) {
            two = crawler.run();
        }
        assertThat(two.pending()).isZero();
        List<Item> all = new ArrayList<>(first.items());
        all.addAll(second.items());
        assertBooks(all);
        assertThat(second.items()).isNotEmpty(); // the resumed run did route pending books
        for (int k = 1; k <= ShopSite.books(); k++) {
            wm.verify(1, getRequestedFor(urlEqualTo("/catalogue/book-" + k + "/index.html")));
        }
    }

    @Test
    void crawlersSharingRedisRouteEachOthersFollowedPages() throws Exception {
        CrawlConfig config =
                config().frontier(redis.url(0))
                        .crawlName("scrape")
                        .leaseTime(Duration.ofSeconds(5))
                        .workers(2)
                        .build();
        List<Crawler> crawlers = new ArrayList<>();
        List<CollectingItemSink> sinks = new ArrayList<>();
        java.util.concurrent.CountDownLatch underWay = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            CollectingItemSink sink = new CollectingItemSink();
            sinks.add(sink);
            Crawler.Builder b =
                    Crawler.builder()
                            .config(config)
                            .route("LIST", ScrapingStateTest::list)
                            .route("BOOK", ScrapingStateTest::book)
                            .items(sink);
            if (i == 0) b.seeds(seed()).sink(r -> underWay.countDown());
            crawlers.add(b.build());
        }
        // the seeding process first: a process without seeds that starts before any seed is
        // admitted finds the shared crawl with nothing to do, and ends at once
        List<CompletableFuture<CrawlSummary>> runs = new ArrayList<>();
        runs.add(crawlers.get(0).start());
        assertThat(underWay.await(60, TimeUnit.SECONDS)).isTrue();
        runs.add(crawlers.get(1).start());
        runs.add(crawlers.get(2).start());
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).get(90, TimeUnit.SECONDS).fetched())
                    .isEqualTo(ShopSite.PAGES + ShopSite.books());
            crawlers.get(i).close();
        }
        List<Item> all = new ArrayList<>();
        sinks.forEach(s -> all.addAll(s.items()));
        assertBooks(all);
        wm.verify(0, getRequestedFor(urlEqualTo("/about.html")));
    }
}
