package dev.crawler;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.CrawlAssertions.assertLedger;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.Fetcher;
import dev.crawler.sink.CrawlResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever a fetcher thread meets, every URL ends in exactly one final state and the crawl ends: an
 * exception or an {@link Error} thrown while fetching a URL fails that URL (with the exception) and
 * the fetcher goes on; before, the fetcher's thread died with the URL in hand and the crawl never
 * ended.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FetcherFailureTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @Test
    void anExceptionOrErrorOnAFetcherFailsOnlyItsUrl() throws Exception {
        TestCrawls.page(wm, "/", "root", "/boom", "/error", "/a", "/b");
        TestCrawls.page(wm, "/boom", "boom");
        TestCrawls.page(wm, "/error", "error");
        TestCrawls.page(wm, "/a", "a", "/c");
        TestCrawls.page(wm, "/b", "b");
        TestCrawls.page(wm, "/c", "c");
        CrawlConfig config =
                CrawlConfig.builder()
                        .workers(2)
                        .hostDelay(Duration.ZERO)
                        .respectRobots(false)
                        .build();
        TestCrawls.Run run =
                TestCrawls.crawl(
                        config,
                        (Fetcher inner) ->
                                (request, spec) -> {
                                    String path = request.url().getPath();
                                    if (path.equals("/boom")) {
                                        throw new IllegalStateException("a bug");
                                    }
                                    if (path.equals("/error")) {
                                        throw new AssertionError("worse");
                                    }
                                    return inner.fetch(request, spec);
                                },
                        wm.url("/"));
        assertLedger(run.summary(), run.sink());
        assertThat(run.summary().fetched()).isEqualTo(4);
        assertThat(run.summary().failed()).isEqualTo(2);
        CrawlResult.Failed boom = (CrawlResult.Failed) run.sink().byPath().get("/boom");
        assertThat(boom.error())
                .isEqualTo("internal error: java.lang.IllegalStateException: a bug");
        CrawlResult.Failed error = (CrawlResult.Failed) run.sink().byPath().get("/error");
        assertThat(error.error()).isEqualTo("internal error: java.lang.AssertionError: worse");
    }
}
