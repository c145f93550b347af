package dev.crawler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.crawler.CrawlSummary;
import dev.crawler.Crawler;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service's HTTP API, driven by a real HTTP client against a running service. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServiceTest {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService siteThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<CrawlResult> results = new CopyOnWriteArrayList<>();
    private final Semaphore recorded = new Semaphore(0);
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer site;
    private volatile long delayMillis;

    /** A site of 11 pages: / links to /p0../p9; each answers after {@link #delayMillis}. */
    @BeforeEach
    void site() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        site.setExecutor(siteThreads);
        site.createContext(
                "/",
                ex -> {
                    try (ex) {
                        seen.add(
                                ex.getRequestMethod()
                                        + " "
                                        + ex.getRequestURI().getPath()
                                        + " "
                                        + ex.getRequestHeaders().getFirst("X-From")
                                        + " "
                                        + new String(
                                                ex.getRequestBody().readAllBytes(),
                                                StandardCharsets.UTF_8));
                        Thread.sleep(delayMillis);
                        StringBuilder b = new StringBuilder("<html><title>t</title>");
                        if (ex.getRequestURI().getPath().equals("/")) {
                            for (int i = 0; i < 10; i++) {
                                b.append("<a href=\"/p").append(i).append("\">p</a>");
                            }
                        }
                        byte[] body =
                                b.append("</html>").toString().getBytes(StandardCharsets.UTF_8);
                        ex.getResponseHeaders().set("Content-Type", "text/html");
                        ex.sendResponseHeaders(200, body.length);
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(body);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        site.start();
    }

    @AfterEach
    void stop() {
        site.stop(0);
        siteThreads.shutdownNow();
        http.close();
    }

    private String siteUrl(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    private CrawlService start(ServiceOptions options, int workers) throws IOException {
        CrawlConfig config =
                CrawlConfig.builder()
                        .workers(workers)
                        .hostConcurrency(workers)
                        .hostDelay(Duration.ZERO)
                        .respectRobots(false)
                        .shutdownGrace(Duration.ofSeconds(1))
                        .build();
        return CrawlService.start(
                Crawler.builder()
                        .config(config)
                        .sink(
                                r -> {
                                    results.add(r);
                                    recorded.release();
                                }),
                options);
    }

    private HttpResponse<String> call(CrawlService s, String method, String path, String body)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + s.address().getPort() + path);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json");
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> r) throws IOException {
        return json.readTree(r.body());
    }

    @Test
    void submitThenStatusStatsAndHealthAndItKeepsRunningWhenIdle() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true), 2)) {
            HttpResponse<String> accepted =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/")
                                    + "\"], \"priority\": 3, \"tag\": \"t1\"}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            String id = body(accepted).get("id").asText();
            assertThat(body(accepted).get("accepted").asInt()).isEqualTo(1);

            assertThat(recorded.tryAcquire(11, 60, TimeUnit.SECONDS)).isTrue(); // / and 10 pages

            JsonNode status = body(call(s, "GET", "/crawl/" + id, null));
            assertThat(status.get("tag").asText()).isEqualTo("t1");
            assertThat(status.get("done").asBoolean()).isTrue();
            assertThat(status.get("urls").get(0).get("state").asText()).isEqualTo("fetched");
            assertThat(status.get("urls").get(0).get("status").asInt()).isEqualTo(200);

            JsonNode stats = body(call(s, "GET", "/stats", null));
            assertThat(stats.get("fetched").asLong()).isEqualTo(11);
            assertThat(stats.get("inFlight").asLong()).isZero();
            assertThat(body(call(s, "GET", "/health", null)).get("status").asText())
                    .isEqualTo("ok");

            // idle, and still taking work
            HttpResponse<String> again =
                    call(s, "POST", "/crawl", "{\"urls\": [\"" + siteUrl("/later") + "\"]}");
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(recorded.tryAcquire(1, 60, TimeUnit.SECONDS)).isTrue();

            CrawlSummary summary = s.shutdown();
            assertThat(summary.fetched()).isEqualTo(12);
            assertThat(summary.ledgerBalanced()).isTrue();
            assertThat(summary.cancelled()).isFalse();
        }
    }

    @Test
    void aSubmissionCanPostAFormWithHeadersOfItsOwn() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true), 2)) {
            HttpResponse<String> accepted =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/api")
                                    + "\"], \"maxDepth\": 0, \"headers\": {\"X-From\": \"svc\"},"
                                    + " \"form\": {\"q\": \"a b\"}}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(recorded.tryAcquire(1, 60, TimeUnit.SECONDS)).isTrue();
            // before: a submission could only GET, with the crawl's headers
            assertThat(seen).contains("POST /api svc q=a+b");
            HttpResponse<String> bad =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/x")
                                    + "\"], \"headers\": {\"Host\": \"h\"}}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("Host");
        }
    }

    @Test
    void aSubmissionsDepthLimitKeepsItsLinksOut() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true), 2)) {
            HttpResponse<String> accepted =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\"" + siteUrl("/") + "\"], \"maxDepth\": 0}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(recorded.tryAcquire(1, 60, TimeUnit.SECONDS)).isTrue();

            CrawlSummary summary = s.shutdown();
            assertThat(summary.fetched()).isEqualTo(1);
            assertThat(summary.rejected()).containsEntry("too-deep", 10L);
            assertThat(
                            call2(
                                    "{\"urls\": [\"http://a.test/\"], \"maxDepth\": -1}",
                                    ServiceOptions.loopback(0).withAllowInternal(true)))
                    .contains("maxDepth");
        }
    }

    /** Posts {@code body} to a fresh service and returns the error it answers. */
    private String call2(String body, ServiceOptions options) throws Exception {
        try (CrawlService s = start(options, 1)) {
            HttpResponse<String> r = call(s, "POST", "/crawl", body);
            assertThat(r.statusCode()).isEqualTo(400);
            return body(r).get("error").asText();
        }
    }

    @Test
    void shutdownDrainsWithinTheDeadlineThenCancelsTheRest() throws Exception {
        delayMillis = 300;
        ServiceOptions options =
                ServiceOptions.loopback(0)
                        .withAllowInternal(true)
                        .withShutdown(true)
                        .withDrainTimeout(Duration.ofMillis(200));
        CrawlService s = start(options, 1);
        assertThat(call(s, "POST", "/crawl", "{\"urls\": [\"" + siteUrl("/") + "\"]}").statusCode())
                .isEqualTo(202);
        assertThat(recorded.tryAcquire(2, 60, TimeUnit.SECONDS)).isTrue(); // / and one page

        HttpResponse<String> stopping = call(s, "POST", "/shutdown", "");
        assertThat(stopping.statusCode()).isEqualTo(202);
        CrawlSummary summary = s.awaitStop();

        assertThat(summary.cancelled()).isTrue();
        assertThat(summary.ledgerBalanced()).isTrue();
        assertThat(summary.admitted()).isEqualTo(11);
        assertThat(summary.fetched()).isBetween(2L, 10L);
        assertThat(results)
                .filteredOn(
                        r -> r instanceof CrawlResult.Skipped sk && sk.reason().equals("cancelled"))
                .isNotEmpty();
        assertThat(results).hasSize(11);
        assertThatThrownBy(() -> call(s, "GET", "/health", null)).isInstanceOf(IOException.class);
    }
}
