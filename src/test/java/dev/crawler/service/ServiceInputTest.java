package dev.crawler.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
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

/** Bad input to the service gets an error with a reason, never a stack trace. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServiceInputTest {
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

    /** One bad request and what it must get. */
    private record Case(String method, String path, String body, int status, String reason) {}

    @Test
    void badInputGetsAnErrorWithAReasonNeverAStackTrace() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true), 2)) {
            List<Case> cases =
                    List.of(
                            new Case("POST", "/crawl", "{\"urls\": [", 400, "malformed JSON"),
                            new Case("POST", "/crawl", "[1, 2]", 400, "\"urls\""),
                            new Case("POST", "/crawl", "{\"urls\": \"x\"}", 400, "non-empty array"),
                            new Case("POST", "/crawl", "{\"urls\": [7]}", 400, "strings only"),
                            new Case(
                                    "POST",
                                    "/crawl",
                                    "{\"urls\": [\"http://a.test/\"], \"priority\": \"high\"}",
                                    400,
                                    "integer"),
                            new Case(
                                    "POST",
                                    "/crawl",
                                    "{\"urls\": [\"not a url\", \"ftp://x/\"]}",
                                    400,
                                    "no URL was accepted"),
                            new Case(
                                    "POST",
                                    "/crawl",
                                    "{\"urls\": [\"" + "x".repeat(2 << 20) + "\"]}",
                                    400,
                                    "body larger than"),
                            new Case("GET", "/crawl/nope", null, 404, "no submission"),
                            new Case("GET", "/crawl", null, 405, "use POST"),
                            new Case("POST", "/shutdown", "", 403, "not enabled"),
                            new Case("GET", "/elsewhere", null, 404, "no such resource"));
            for (Case c : cases) {
                HttpResponse<String> r = call(s, c.method(), c.path(), c.body());
                String what = c.method() + " " + c.path() + " expecting " + c.reason();
                assertThat(r.statusCode()).as(what).isEqualTo(c.status());
                assertThat(body(r).get("error").asText()).as(what).contains(c.reason());
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
            }
            HttpResponse<String> mixed =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\"" + siteUrl("/p1") + "\", \"mailto:x@y.z\"]}");
            assertThat(mixed.statusCode()).isEqualTo(202);
            assertThat(body(mixed).get("rejected").get(0).get("reason").asText())
                    .contains("unsupported-scheme");
        }
    }
}
