package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SSRF guard on every path: the seeds' own origins are exempt (exactly those: scheme, host and
 * port), anything else internal is refused, robots.txt redirects included. The "internal" server
 * here listens on 127.0.0.2, or on another port of 127.0.0.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SsrfTest {
    @RegisterExtension
    static WireMockExtension site =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @RegisterExtension
    static WireMockExtension internal =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.2"))
                    .build();

    @RegisterExtension
    static WireMockExtension otherPort =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    private static String siteUrl(String path) {
        return "http://127.0.0.1:" + site.getPort() + path;
    }

    private static CrawlConfig.Builder config() {
        return CrawlConfig.builder().hostDelay(Duration.ZERO).maxAttempts(1);
    }

    @Test
    void aRobotsTxtRedirectToAnInternalAddressIsNotFollowed() throws Exception {
        String internalRobots = "http://127.0.0.2:" + internal.getPort() + "/robots.txt";
        site.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Location", internalRobots)));
        internal.stubFor(get(urlEqualTo("/robots.txt")).willReturn(ok("User-agent: *\n")));
        TestCrawls.page(site, "/", "root");

        TestCrawls.Run run = TestCrawls.crawl(config().build(), siteUrl("/"));

        internal.verify(0, getRequestedFor(urlEqualTo("/robots.txt"))); // before: requested
        assertThat(run.sink().byPath().get("/")).isInstanceOf(CrawlResult.Fetched.class);
    }

    @Test
    void theSeedExemptionIsTheSeedsOriginNotItsHostName() throws Exception {
        String sameHostOtherPort = "http://127.0.0.1:" + otherPort.getPort() + "/admin";
        TestCrawls.page(site, "/", "root", sameHostOtherPort);
        TestCrawls.page(otherPort, "/admin", "admin");

        TestCrawls.Run run = TestCrawls.crawl(config().respectRobots(false).build(), siteUrl("/"));

        otherPort.verify(0, getRequestedFor(urlEqualTo("/admin"))); // before: fetched
        CrawlResult.Failed admin = (CrawlResult.Failed) run.sink().byPath().get("/admin");
        assertThat(admin.error()).startsWith("blocked address: 127.0.0.1 resolves to 127.0.0.1");
        assertThat(run.sink().byPath().get("/")).isInstanceOf(CrawlResult.Fetched.class);
    }
}
