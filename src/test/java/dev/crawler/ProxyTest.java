package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.ConfigFile;
import dev.crawler.config.CrawlConfig;
import dev.crawler.testing.CrawlTester;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every request through an HTTP proxy (WireMock as a forward proxy), with and without credentials.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyTest {
    @RegisterExtension
    static WireMockExtension site =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @RegisterExtension
    static WireMockExtension proxy =
            WireMockExtension.newInstance()
                    .options(
                            wireMockConfig()
                                    .dynamicPort()
                                    .bindAddress("127.0.0.1")
                                    .enableBrowserProxying(true))
                    .build();

    @Test
    void requestsGoThroughTheProxyWithItsCredentials() throws Exception {
        TestCrawls.page(site, "/", "root", "/a");
        TestCrawls.page(site, "/a", "a");
        String via = "http://crawler:p%40ss@127.0.0.1:" + proxy.getPort();

        CrawlTester.create()
                .config(c -> c.proxy(via))
                .crawl("http://127.0.0.1:" + site.getPort() + "/")
                .assertFetched("/")
                .assertFetched("/a");

        site.verify(getRequestedFor(urlEqualTo("/a"))); // it reached the site...
        proxy.verify( // ...through the proxy, which saw the credentials
                getRequestedFor(urlEqualTo("/a"))
                        .withHeader(
                                "Proxy-Authorization",
                                equalTo("Basic Y3Jhd2xlcjpwQHNz"))); // crawler:p@ss
    }

    @RegisterExtension
    static WireMockExtension other =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @Test
    void aProxyThatFailsIsAvoidedAndAHostCanGoDirect() throws Exception {
        TestCrawls.page(site, "/", "root", "http://localhost:" + other.getPort() + "/x");
        TestCrawls.page(other, "/x", "x");
        String dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            dead = "http://127.0.0.1:" + s.getLocalPort(); // closed again: refuses connections
        }
        String live = "http://127.0.0.1:" + proxy.getPort();
        // the site's host starts at the dead proxy of the two
        java.util.List<String> pool =
                Math.floorMod("127.0.0.1".hashCode(), 2) == 0
                        ? java.util.List.of(dead, live)
                        : java.util.List.of(live, dead);
        CrawlTester.create()
                .config(
                        c ->
                                c.sameHost(false)
                                        .retryBaseDelay(java.time.Duration.ofMillis(10))
                                        .proxies(pool)
                                        .hostProxies(java.util.Map.of("localhost", "direct")))
                .crawl("http://127.0.0.1:" + site.getPort() + "/")
                .assertFetched("/")
                .assertFetched("/x");
        // before: one proxy for everything, no way around a dead one, no host going direct
        proxy.verify(getRequestedFor(urlEqualTo("/")));
        proxy.verify(0, getRequestedFor(urlEqualTo("/x")));
        other.verify(getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void aMalformedProxyIsRefusedAndAPasswordNeverPrinted() {
        assertThatThrownBy(() -> CrawlConfig.builder().proxy("socks5://h:1080").build())
                .hasMessageContaining("only http:// proxies");
        assertThatThrownBy(() -> CrawlConfig.builder().proxy("http://u:secret@h").build())
                .hasMessageContaining("needs a host and a port")
                .hasMessageNotContaining("secret");
        assertThat(ConfigFile.toYaml(CrawlConfig.builder().proxy("http://u:secret@h:3128").build()))
                .contains("proxy: \"http://u:***@h:3128\"")
                .doesNotContain("secret");
        assertThat(
                        ConfigFile.toYaml(
                                CrawlConfig.builder()
                                        .proxies(java.util.List.of("http://u:secret@p:1"))
                                        .hostProxies(
                                                java.util.Map.of(
                                                        "a.example", "http://v:secret@q:2"))
                                        .build()))
                .contains("proxies: ['http://u:***@p:1']")
                .doesNotContain("secret");
        assertThatThrownBy(
                        () ->
                                CrawlConfig.builder()
                                        .hostProxies(java.util.Map.of("a.example", "socks://x:1"))
                                        .build())
                .hasMessageContaining("only http:// proxies");
    }
}
