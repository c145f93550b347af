package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.CrawlAssertions.assertLedger;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fetchers that scale with the work, driven by a WireMock server whose every page takes 200 ms: the
 * fetchers are all busy waiting on the network and the queue stays deep, so the crawl opens more of
 * them, up to its maximum; with a fixed setting it keeps what it was given. Asserts on the number
 * of fetchers chosen, not on timings.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScalingTest {
    private static final int PAGES = 300;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(
                            wireMockConfig()
                                    .dynamicPort()
                                    .bindAddress("127.0.0.1")
                                    .containerThreads(120))
                    .build();

    @BeforeEach
    void site() {
        StringBuilder root = new StringBuilder("<html><title>root</title>");
        for (int i = 0; i < PAGES; i++) {
            root.append("<a href=\"/p/").append(i).append("\">p</a>");
        }
        wm.stubFor(
                get(urlEqualTo("/"))
                        .willReturn(
                                ok(root.append("</html>").toString())
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlPathMatching("/p/.*"))
                        .willReturn(
                                ok("<html><title>page</title></html>")
                                        .withHeader("Content-Type", "text/html")
                                        .withFixedDelay(200)));
    }

    private static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .workers(2)
                .hostConcurrency(100)
                .hostDelay(Duration.ZERO)
                .adaptiveDelay(false)
                .respectRobots(false);
    }

    @Test
    void slowAnswersAndADeepQueueOpenMoreFetchersUpToTheMaximum() throws Exception {
        TestCrawls.Run run = TestCrawls.crawl(config().maxWorkers(32).build(), wm.baseUrl() + "/");

        assertLedger(run.summary(), run.sink());
        assertThat(run.summary().fetched()).isEqualTo(PAGES + 1);
        assertThat(run.summary().peakFetchers())
                .as("fetchers chosen")
                .isGreaterThanOrEqualTo(8)
                .isLessThanOrEqualTo(32);
    }

    @Test
    void withoutAMaximumTheFetcherCountStaysFixed() throws Exception {
        TestCrawls.Run run = TestCrawls.crawl(config().workers(10).build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(PAGES + 1);
        assertThat(run.summary().peakFetchers()).isEqualTo(10);
    }
}
