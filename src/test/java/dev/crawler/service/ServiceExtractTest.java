package dev.crawler.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.crawler.Crawler;
import dev.crawler.config.CrawlConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code POST /crawl} with {@code "extract"} rules, and {@code GET /crawl/{id}/items}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceExtractTest {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService siteThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore recorded = new Semaphore(0);
    private HttpServer site;

    /** {@code /x/} links {@code /x/1} and {@code /x/2}; {@code /y/} links {@code /y/1}. */
    @BeforeEach
    void site() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        site.setExecutor(siteThreads);
        site.createContext(
                "/",
                ex -> {
                    try (ex) {
                        String path = ex.getRequestURI().getPath();
                        StringBuilder b =
                                new StringBuilder("<html><title>t</title><h1>")
                                        .append(path)
                                        .append("</h1>");
                        if (path.equals("/x/")) b.append("<a href=\"1\">1</a><a href=\"2\">2</a>");
                        if (path.equals("/y/")) b.append("<a href=\"1\">1</a>");
                        byte[] body =
                                b.append("</html>").toString().getBytes(StandardCharsets.UTF_8);
                        ex.getResponseHeaders().set("Content-Type", "text/html");
                        ex.sendResponseHeaders(200, body.length);
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(body);
                        }
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

    private CrawlService start() throws IOException {
        CrawlConfig config =
                CrawlConfig.builder()
                        .hostDelay(Duration.ZERO)
                        .respectRobots(false)
                        .shutdownGrace(Duration.ofSeconds(1))
                        .build();
        return CrawlService.start(
                Crawler.builder().config(config).sink(r -> recorded.release()),
                ServiceOptions.loopback(0).withAllowInternal(true));
    }

    private HttpResponse<String> call(CrawlService s, String method, String path, String body)
            throws Exception {
        return ServiceFixture.call(http, s, method, path, body);
    }

    private List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) out.add(json.readTree(l));
        }
        return out;
    }

    @Test
    void eachSubmissionIsExtractedWithItsOwnRulesAndStreamsItsOwnItems() throws Exception {
        try (CrawlService s = start()) {
            HttpResponse<String> a =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/x/")
                                    + "\"], \"extract\": [{\"name\": \"heading\","
                                    + " \"fields\": {\"h\": \"h1\"}}]}");
            assertThat(a.statusCode()).as(a.body()).isEqualTo(202);
            HttpResponse<String> b =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/y/")
                                    + "\"], \"extract\": [{\"name\": \"title\", \"urls\": \"/y/$\","
                                    + " \"fields\": {\"t\": \"title\"}}]}");
            assertThat(b.statusCode()).isEqualTo(202);
            HttpResponse<String> none =
                    call(s, "POST", "/crawl", "{\"urls\": [\"" + siteUrl("/z") + "\"]}");
            assertThat(recorded.tryAcquire(6, 30, TimeUnit.SECONDS)).isTrue();

            String idA = json.readTree(a.body()).get("id").asText();
            String idB = json.readTree(b.body()).get("id").asText();
            HttpResponse<String> itemsA = call(s, "GET", "/crawl/" + idA + "/items", null);
            assertThat(itemsA.statusCode()).isEqualTo(200);
            assertThat(itemsA.headers().firstValue("Content-Type"))
                    .contains("application/x-ndjson");
            assertThat(lines(itemsA.body()))
                    .extracting(n -> n.get("data").get("h").asText())
                    .containsExactlyInAnyOrder("/x/", "/x/1", "/x/2");
            assertThat(lines(itemsA.body()))
                    .allMatch(n -> n.get("type").asText().equals("heading"));
            List<JsonNode> itemsB = lines(call(s, "GET", "/crawl/" + idB + "/items", null).body());
            assertThat(itemsB).hasSize(1);
            assertThat(itemsB.get(0).get("data").get("t").asText()).isEqualTo("t");
            assertThat(itemsB.get(0).get("url").asText()).isEqualTo(siteUrl("/y/"));

            String idNone = json.readTree(none.body()).get("id").asText();
            assertThat(call(s, "GET", "/crawl/" + idNone + "/items", null).statusCode())
                    .isEqualTo(404);
            assertThat(call(s, "GET", "/crawl/nope/items", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void badRulesAre400WithTheCliMessageAndFetchNothing() throws Exception {
        try (CrawlService s = start()) {
            HttpResponse<String> r =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/x/")
                                    + "\"], \"extract\": [{\"name\": \"book\","
                                    + " \"fields\": {\"price\": \"p..x\"}}]}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json.readTree(r.body()).get("error").asText())
                    .startsWith("extract: rule 'book', field 'price': invalid CSS selector 'p..x'");
            assertThat(s.crawler().stats().admitted()).isZero();
        }
    }
}
