package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.CrawlAssertions.assertLedger;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 2,000 fetchers against a server with random delays and faults, for a bounded number of requests:
 * every URL accounted for, no thread left behind, heap bounded.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LoadTest {
    private static final int PAGES = 2_000;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(
                            wireMockConfig()
                                    .dynamicPort()
                                    .bindAddress("127.0.0.1")
                                    .containerThreads(600)
                                    .disableRequestJournal())
                    .build();

    @Test
    void twoThousandFetchersLoseNothingAndLeakNothing() throws Exception {
        StringBuilder root = new StringBuilder("<html><body>");
        for (int i = 0; i < PAGES; i++) {
            String kind =
                    switch (i % 10) {
                        case 0 -> "reset";
                        case 1 -> "empty";
                        case 2 -> "error";
                        default -> "ok";
                    };
            root.append("<a href=\"/").append(kind).append('/').append(i).append("\">p</a>");
        }
        wm.stubFor(
                get(urlEqualTo("/"))
                        .willReturn(
                                ok(root + "</body></html>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlPathMatching("/ok/.*"))
                        .willReturn(
                                ok("<title>ok</title><a href=\"/\">home</a>")
                                        .withHeader("Content-Type", "text/html")
                                        .withUniformRandomDelay(0, 200)));
        wm.stubFor(
                get(urlPathMatching("/reset/.*"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(
                get(urlPathMatching("/empty/.*"))
                        .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        wm.stubFor(
                get(urlPathMatching("/error/.*"))
                        .willReturn(aResponse().withStatus(503).withUniformRandomDelay(0, 100)));

        // Our own server: the host's delay may not grow past 1 ms, or the 503s and resets below
        // would (rightly) slow the host down to one request a minute.
        Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        CrawlConfig config =
                CrawlConfig.builder()
                        .workers(2_000)
                        .hostConcurrency(2_000)
                        .hostDelay(Duration.ZERO)
                        .adaptiveDelay(false)
                        .maxHostDelay(Duration.ofMillis(1))
                        .respectRobots(false)
                        .maxAttempts(2)
                        .retryBaseDelay(Duration.ofMillis(20))
                        .retryMaxDelay(Duration.ofMillis(200))
                        .fetchTimeout(Duration.ofSeconds(20))
                        .queueCapacity(100)
                        .build();
        CollectingSink sink = new CollectingSink();
        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder().config(config).seeds(wm.baseUrl() + "/").sink(sink).build()) {
            summary = crawler.run();
        }

        assertLedger(summary, sink);
        assertThat(summary.admitted()).isEqualTo(PAGES + 1);
        assertThat(summary.fetched()).isEqualTo(PAGES * 7 / 10 + 1);
        assertThat(summary.failed()).isEqualTo(PAGES * 3 / 10);
        // Platform threads: nothing the crawl started is still alive (virtual threads end with
        // their executors). JVM-wide pools (virtual-thread carriers, the common pool) and the
        // WireMock server's Jetty threads grow under load and are not the crawl's.
        List<String> leaked = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!threadsBefore.contains(t) && !isInfrastructure(t.getName())) {
                t.join(10_000);
                if (t.isAlive()) {
                    leaked.add(t.getName());
                }
            }
        }
        assertThat(leaked).as("threads started by the crawl and still alive").isEmpty();
        System.gc();
        long usedHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        assertThat(usedHeap).as("heap in use after the crawl").isLessThan(256L << 20);
    }

    private static boolean isInfrastructure(String name) {
        return name.startsWith("qtp")
                || name.startsWith("Connector-Scheduler")
                || name.startsWith("ForkJoinPool")
                || name.startsWith("VirtualThread-")
                || name.startsWith("InnocuousThread");
    }
}
