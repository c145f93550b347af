package dev.crawler;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crawler.config.CrawlConfig;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fixture of the crawler tests: a WireMock server on loopback and quick settings for crawling
 * it.
 */
abstract class CrawlerFixture {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(
                            wireMockConfig()
                                    .dynamicPort()
                                    .bindAddress("127.0.0.1")
                                    .containerThreads(64))
                    .build();

    /**
     * Fast retries and short deadlines, so failures resolve quickly; no politeness delay and no
     * robots.txt (the politeness tests turn them on): the test server is our own.
     */
    static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(64)
                .respectRobots(false)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofSeconds(5))
                .fetchTimeout(Duration.ofSeconds(10))
                .shutdownGrace(Duration.ofSeconds(2));
    }

    static String url(String path) {
        return wm.baseUrl() + path;
    }

    static void page(String path, String title, String... links) {
        TestCrawls.page(wm, path, title, links);
    }

    static List<ServeEvent> served(String path) {
        return wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
    }
}
