package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.TestCrawls.Run;
import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.FetchError;
import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.Fetcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fixture of the hostile-server tests: a WireMock server on loopback (HTTP and HTTPS) and
 * crawls that may never leave loopback.
 */
abstract class HostileFixture {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(
                            wireMockConfig()
                                    .dynamicPort()
                                    .dynamicHttpsPort()
                                    .bindAddress("127.0.0.1"))
                    .build();

    /**
     * Requests to anything but 127.0.0.1 are recorded and never sent: a safety net for SSRF tests.
     */
    final List<String> offLoopback = new CopyOnWriteArrayList<>();

    final UnaryOperator<Fetcher> loopbackOnly =
            inner ->
                    (request, spec) -> {
                        if (!"127.0.0.1".equals(request.url().getHost())) {
                            offLoopback.add(request.url().toString());
                            return new FetchResult.Error(
                                    request,
                                    FetchError.CONNECT,
                                    "test refuses " + request.url(),
                                    Duration.ZERO);
                        }
                        return inner.fetch(request, spec);
                    };

    static CrawlConfig.Builder config() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(16)
                .respectRobots(false)
                .maxAttempts(2)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofSeconds(2))
                .fetchTimeout(Duration.ofSeconds(5))
                .shutdownGrace(Duration.ofSeconds(1));
    }

    Run crawl(CrawlConfig config, String... seeds) throws InterruptedException {
        Run run = TestCrawls.crawl(config, loopbackOnly, seeds);
        assertThat(offLoopback).as("requests that would have left loopback").isEmpty();
        return run;
    }

    /** The plain-HTTP address of the WireMock server, by IP (it also listens for HTTPS). */
    static String base() {
        return "http://127.0.0.1:" + wm.getPort();
    }

    static void html(String path, String body) {
        wm.stubFor(
                get(urlEqualTo(path)).willReturn(ok(body).withHeader("Content-Type", "text/html")));
    }
}
