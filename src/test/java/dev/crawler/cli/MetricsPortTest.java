package dev.crawler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code crawl --metrics-port 0}: Prometheus text at /metrics while the crawl runs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsPortTest {
    @TempDir Path dir;

    @Test
    void theMetricsAreScrapedWhileTheCrawlRuns() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicReference<String> scraped = new AtomicReference<>("");
        HttpServer site =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        try (HttpClient http = HttpClient.newHttpClient()) {
            site.createContext(
                    "/",
                    ex -> {
                        try (ex) {
                            // the endpoint is up before the first request: scrape it mid-crawl
                            Matcher m =
                                    Pattern.compile(
                                                    "Metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)")
                                            .matcher(err.toString(StandardCharsets.UTF_8));
                            if (m.find() && ex.getRequestURI().getPath().equals("/")) {
                                try {
                                    scraped.set(
                                            http.send(
                                                            HttpRequest.newBuilder(
                                                                            URI.create(m.group(1)))
                                                                    .build(),
                                                            HttpResponse.BodyHandlers.ofString())
                                                    .body());
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            byte[] body =
                                    "<title>t</title><a href=/a>a</a>"
                                            .getBytes(StandardCharsets.UTF_8);
                            ex.getResponseHeaders().set("Content-Type", "text/html");
                            ex.sendResponseHeaders(200, body.length);
                            try (OutputStream o = ex.getResponseBody()) {
                                o.write(body);
                            }
                        }
                    });
            site.start();
            int code =
                    Main.run(
                            TestConsoles.capturing(out, err, ""),
                            "crawl",
                            "http://127.0.0.1:" + site.getAddress().getPort() + "/",
                            "--metrics-port",
                            "0",
                            "--out",
                            dir.resolve("c.jsonl").toString(),
                            "--ignore-robots",
                            "--host-delay",
                            "0",
                            "-q");
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            site.stop(0);
        }
        assertThat(scraped.get())
                .contains("# TYPE crawler_admitted gauge")
                .contains("crawler_in_flight")
                .contains("crawler_fetchers");
    }
}
