package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.testing.CrawlTester;
import dev.crawler.testing.TestCrawl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A library user's own {@code MeterRegistry} gets the crawl's counters, timers and gauges. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @Test
    void countersTimersAndGaugesFollowTheCrawl() throws Exception {
        TestCrawls.page(wm, "/", "root", "/a", "/b", "/missing");
        TestCrawls.page(wm, "/a", "a");
        TestCrawls.page(wm, "/b", "b");
        wm.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)));
        MeterRegistry registry = new SimpleMeterRegistry();

        TestCrawl crawl =
                CrawlTester.create().customize(b -> b.metrics(registry)).crawl(wm.url("/"));

        crawl.assertLedgerBalanced();
        assertThat(registry.get("crawler.urls").tag("outcome", "fetched").counter().count())
                .isEqualTo(3.0);
        assertThat(registry.get("crawler.urls").tag("outcome", "failed").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("crawler.responses").tag("status", "404").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("crawler.fetch").timer().count()).isEqualTo(4);
        assertThat(registry.get("crawler.fetch").timer().getId().getTag("host"))
                .isEqualTo("http://localhost:" + wm.getPort());
        assertThat(registry.get("crawler.bytes").counter().count()).isPositive();
        assertThat(registry.get("crawler.admitted").gauge().value()).isEqualTo(4.0);
        assertThat(registry.get("crawler.in.flight").gauge().value()).isZero();
        assertThat(registry.get("crawler.retries").functionCounter().count()).isZero();
    }
}
