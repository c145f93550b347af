package dev.crawler.service;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.Crawler;
import dev.crawler.config.CrawlConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A service that is safe to expose: submissions are guarded like links (no internal targets unless
 * the operator allows them), POST needs JSON (no cross-origin "simple" requests), a loopback
 * service answers only to its own names (no DNS rebinding of the API), a token guards everything
 * but {@code /health}, and off loopback a token is required. Each case was possible before.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceSecurityTest {
    @RegisterExtension
    static WireMockExtension internal =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.2"))
                    .build();

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        http.close();
    }

    private static CrawlService start(ServiceOptions options) throws Exception {
        CrawlConfig config =
                CrawlConfig.builder()
                        .hostDelay(Duration.ZERO)
                        .respectRobots(false)
                        .shutdownGrace(Duration.ofSeconds(1))
                        .build();
        return CrawlService.start(Crawler.builder().config(config), options);
    }

    private HttpResponse<String> post(CrawlService s, String type, String body, String token)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + s.address().getPort() + "/crawl"))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(CrawlService s, String path, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.address().getPort() + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void submittedUrlsOnInternalAddressesAreRefusedUnlessAllowed() throws Exception {
        String target = "http://127.0.0.2:" + internal.getPort() + "/";
        try (CrawlService s = start(ServiceOptions.loopback(0))) {
            HttpResponse<String> r =
                    post(
                            s,
                            "application/json",
                            "{\"urls\": [\"" + target + "\", \"http://169.254.169.254/latest/\"]}",
                            null);
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode body = json.readTree(r.body());
            assertThat(body.get("rejected").get(0).get("reason").asText())
                    .startsWith("blocked address: 127.0.0.2 resolves to 127.0.0.2 (loopback)");
            assertThat(body.get("rejected").get(1).get("reason").asText()).contains("link-local");
            assertThat(s.crawler().stats().admitted()).isZero();
        }
        internal.verify(
                0, getRequestedFor(anyUrl())); // before: fetched, and returned in the output
    }

    @Test
    void postNeedsJsonAndTheHostHeaderMustNameTheService() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true))) {
            HttpResponse<String> plain =
                    post(s, "text/plain", "{\"urls\": [\"http://x.test/\"]}", null);
            assertThat(plain.statusCode()).isEqualTo(415);
            assertThat(s.crawler().stats().admitted()).isZero();

            try (Socket socket =
                    new Socket(InetAddress.getLoopbackAddress(), s.address().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(
                        "GET /stats HTTP/1.1\r\nHost: rebound.example:80\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("HTTP/1.1 421");
            }
            assertThat(get(s, "/stats", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTokenGuardsEverythingButHealth() throws Exception {
        String token = "s3cret-token-of-some-length";
        try (CrawlService s =
                start(ServiceOptions.loopback(0).withAllowInternal(true).withToken(token))) {
            assertThat(get(s, "/stats", null).statusCode()).isEqualTo(401);
            assertThat(get(s, "/stats", "wrong-token-of-some-length").statusCode()).isEqualTo(401);
            assertThat(get(s, "/stats", token).statusCode()).isEqualTo(200);
            assertThat(get(s, "/health", null).statusCode()).isEqualTo(200);
            assertThat(post(s, "application/json", "{\"urls\": []}", null).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void metricsAreServedInThePrometheusFormatBehindTheToken() throws Exception {
        String token = "s3cret-token-of-some-length";
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        CrawlConfig config =
                CrawlConfig.builder()
                        .respectRobots(false)
                        .shutdownGrace(Duration.ofSeconds(1))
                        .build();
        try (CrawlService s =
                CrawlService.start(
                        Crawler.builder().config(config).metrics(registry),
                        ServiceOptions.loopback(0).withToken(token),
                        java.util.Optional.of(registry::scrape))) {
            assertThat(get(s, "/metrics", null).statusCode()).isEqualTo(401);
            HttpResponse<String> m = get(s, "/metrics", token);
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.body()).contains("# TYPE crawler_admitted gauge");
        }
    }

    @Test
    void offLoopbackATokenIsRequired() {
        InetSocketAddress any = new InetSocketAddress(0);
        assertThatThrownBy(() -> ServiceOptions.loopback(0).withAddress(any))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give it a token");
        assertThat(
                        ServiceOptions.loopback(0)
                                .withToken("0123456789abcdef")
                                .withAddress(any)
                                .token())
                .isPresent();
    }
}
