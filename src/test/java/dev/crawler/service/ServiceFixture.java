package dev.crawler.service;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the service tests: a site of 11 pages, a service over a crawler that records every
 * result, and an HTTP client to call its API.
 */
abstract class ServiceFixture {
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    final ExecutorService siteThreads = Executors.newVirtualThreadPerTaskExecutor();
    final List<CrawlResult> results = new CopyOnWriteArrayList<>();
    final Semaphore recorded = new Semaphore(0);
    final List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer site;
    volatile long delayMillis;

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

    String siteUrl(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    CrawlService start(ServiceOptions options, int workers) throws IOException {
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

    HttpResponse<String> call(CrawlService s, String method, String path, String body)
            throws Exception {
        return call(http, s, method, path, body);
    }

    /** Sends {@code method path} with a JSON {@code body} (null: none) to the service {@code s}. */
    static HttpResponse<String> call(
            HttpClient http, CrawlService s, String method, String path, String body)
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

    JsonNode body(HttpResponse<String> r) throws IOException {
        return json.readTree(r.body());
    }
}
