package dev.crawler;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.testing.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fixture of the shared-frontier tests: a local Redis, a tree of pages, and crawlers that share
 * one crawl.
 */
abstract class SharedCrawlFixture {
    static final int PAGES = 63;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    static LocalRedis redis;

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

    /** A binary tree of pages: /p/i links to /p/(2i+1) and /p/(2i+2). */
    static void stubTree() {
        for (int i = 0; i < PAGES; i++) {
            List<String> links = new ArrayList<>();
            for (int c : new int[] {2 * i + 1, 2 * i + 2}) {
                if (c < PAGES) {
                    links.add("/p/" + c);
                }
            }
            TestCrawls.page(wm, "/p/" + i, "page " + i, links.toArray(String[]::new));
        }
    }

    static CrawlConfig.Builder shared(String name) {
        return CrawlConfig.builder()
                .frontier(redis.url(0))
                .crawlName(name)
                .leaseTime(Duration.ofSeconds(5))
                .workers(4)
                .hostConcurrency(4)
                .hostDelay(Duration.ZERO)
                .adaptiveDelay(false)
                .maxDepth(10);
    }

    /** Runs {@code n} crawlers of one shared crawl at once; their results, crawler by crawler. */
    static List<TestCrawls.Run> runTogether(int n, CrawlConfig config, String seed)
            throws Exception {
        List<Crawler> crawlers = new ArrayList<>();
        List<CollectingSink> sinks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CollectingSink sink = new CollectingSink();
            sinks.add(sink);
            crawlers.add(Crawler.builder().config(config).seeds(seed).sink(sink).build());
        }
        List<CompletableFuture<CrawlSummary>> runs = crawlers.stream().map(Crawler::start).toList();
        List<TestCrawls.Run> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new TestCrawls.Run(runs.get(i).get(90, TimeUnit.SECONDS), sinks.get(i)));
            crawlers.get(i).close();
        }
        return out;
    }
}
