package dev.crawler.testing;

import static java.util.Objects.requireNonNull;

import dev.crawler.CrawlFailedException;
import dev.crawler.CrawlSummary;
import dev.crawler.Crawler;
import dev.crawler.config.CrawlConfig;
import dev.crawler.extract.PageHandler;
import dev.crawler.seed.Seed;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Runs a crawl for a test against a local server (WireMock, {@link ReplaySite}, any server on
 * loopback) with settings that make tests fast, and collects every record and item for assertions.
 * The defaults: no host delay and 16 requests per host at once, robots.txt not fetched, retries
 * after 10 ms, a 10 s fetch deadline, the SSRF guard off (test servers are on loopback).
 *
 * <pre>{@code
 * TestCrawl crawl = CrawlTester.create()
 *         .route("BOOK", page -> page.emit(Map.of("title", page.text("h1"))))
 *         .crawl(Seed.of(wireMock.baseUrl() + "/catalogue/").label("LIST"));
 * crawl.assertFetched("/catalogue/");
 * assertEquals(20, crawl.items("BOOK").size());
 * }</pre>
 *
 * <p>Not thread-safe: configure and run it from one thread; each {@link #crawl} runs a new crawler.
 */
public final class CrawlTester {
    private CrawlConfig.Builder config = testDefaults();
    private final List<Consumer<Crawler.Builder>> setup = new ArrayList<>();

    private CrawlTester() {}

    /** A tester with the fast test defaults. */
    public static CrawlTester create() {
        return new CrawlTester();
    }

    /** The settings {@link #create()} starts from; change them with {@link #config}. */
    public static CrawlConfig.Builder testDefaults() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(16)
                .respectRobots(false)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofSeconds(1))
                .fetchTimeout(Duration.ofSeconds(10))
                .shutdownGrace(Duration.ofSeconds(1))
                .ssrfGuard(false);
    }

    /** Changes the settings, e.g. {@code t.config(c -> c.maxDepth(1).respectRobots(true))}. */
    public CrawlTester config(UnaryOperator<CrawlConfig.Builder> change) {
        config = requireNonNull(change.apply(config), "config");
        return this;
    }

    /** A route by label, as {@link Crawler.Builder#route(String, PageHandler)}. */
    public CrawlTester route(String label, PageHandler handler) {
        setup.add(b -> b.route(label, handler));
        return this;
    }

    /** A route by URL pattern, as {@link Crawler.Builder#route(Pattern, PageHandler)}. */
    public CrawlTester route(Pattern pattern, PageHandler handler) {
        setup.add(b -> b.route(pattern, handler));
        return this;
    }

    /** The default handler, as {@link Crawler.Builder#handler(PageHandler)} (or {@code Rules}). */
    public CrawlTester handler(PageHandler handler) {
        setup.add(b -> b.handler(handler));
        return this;
    }

    /** Anything else on the crawler's builder (another sink, a state folder). */
    public CrawlTester customize(Consumer<Crawler.Builder> more) {
        setup.add(requireNonNull(more, "more"));
        return this;
    }

    /** Crawls from these seed URLs to the end. */
    public TestCrawl crawl(String... urls) throws InterruptedException {
        List<Seed> seeds = new ArrayList<>();
        for (String u : urls) seeds.add(Seed.of(u));
        return crawl(seeds.toArray(Seed[]::new));
    }

    /**
     * Crawls from these seeds to the end and returns what it recorded. A crawl that could not go on
     * (its output or frontier failed) is returned too, with its summary's error set.
     */
    public TestCrawl crawl(Seed... seeds) throws InterruptedException {
        ConcurrentLinkedQueue<CrawlResult> records = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Item> items = new ConcurrentLinkedQueue<>();
        Crawler.Builder b =
                Crawler.builder()
                        .config(config.build())
                        .seeds(seeds)
                        .sink(records::add)
                        .items(items::add);
        setup.forEach(s -> s.accept(b));
        CrawlSummary summary;
        try (Crawler crawler = b.build()) {
            summary = crawler.run();
        } catch (CrawlFailedException e) {
            summary = e.summary();
        }
        return new TestCrawl(summary, List.copyOf(records), List.copyOf(items));
    }
}
