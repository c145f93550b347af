package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A polite single-host crawl (one request at a time) of ordinary pages among URLs that hang: each
 * hanging URL costs its own deadlines, at most two, and never the host's pace. Before, every
 * timeout doubled the host's delay towards {@code max-host-delay} and the retries went ahead of
 * fresh pages: this crawl took many minutes; the timeout here is far above what it needs now.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HangingUrlsTest {
    private static final int PAGES = 40;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @Test
    void hangingUrlsCostTheirOwnDeadlinesNotTheHostsPace() throws Exception {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            links.add("/p/" + i);
            if (i % 10 == 0) links.add("/hang/" + i);
        }
        TestCrawls.page(wm, "/", "root", links.toArray(String[]::new));
        for (int i = 0; i < PAGES; i++) TestCrawls.page(wm, "/p/" + i, "p" + i);
        wm.stubFor(
                get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/hang/.*"))
                        .willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
        CrawlConfig config =
                CrawlConfig.builder()
                        .workers(2)
                        .hostConcurrency(1)
                        .hostDelay(Duration.ofMillis(50))
                        .respectRobots(false)
                        .fetchTimeout(Duration.ofSeconds(1))
                        .retryBaseDelay(Duration.ofMillis(100))
                        .shutdownGrace(Duration.ofSeconds(1))
                        .build();
        TestCrawls.Run run = TestCrawls.crawl(config, wm.url("/"));

        assertThat(run.summary().fetched()).isEqualTo(1 + PAGES);
        assertThat(run.summary().failed()).isEqualTo(4);
        for (int i = 0; i < PAGES; i += 10) {
            // a URL that timed out is tried twice, not max-attempts (3) times
            wm.verify(2, getRequestedFor(urlEqualTo("/hang/" + i)));
            CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/hang/" + i);
            assertThat(f.error()).startsWith("timeout").endsWith("(after 2 attempts)");
        }
    }
}
