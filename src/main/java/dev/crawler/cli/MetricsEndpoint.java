package dev.crawler.cli;

import com.sun.net.httpserver.HttpServer;
import dev.crawler.Crawler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code crawl --metrics-port N}: the crawl's metrics in the Prometheus text format at {@code
 * http://127.0.0.1:N/metrics}, for as long as the crawl runs. Thread-safe: scrapes run on virtual
 * threads; the registry is Micrometer's.
 */
final class MetricsEndpoint implements AutoCloseable {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    MetricsEndpoint(int port) throws IOException {
        server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setExecutor(executor);
        server.createContext(
                "/metrics",
                ex -> {
                    try (ex) {
                        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                        ex.getResponseHeaders()
                                .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                        ex.sendResponseHeaders(200, body.length);
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
        server.start();
    }

    /** With a port, an endpoint whose registry {@code builder} publishes into; else none. */
    static Optional<MetricsEndpoint> attach(
            Optional<Integer> port, Crawler.Builder builder, Console console) throws IOException {
        if (port.isEmpty()) {
            return Optional.empty();
        }
        MetricsEndpoint endpoint = new MetricsEndpoint(port.get());
        builder.metrics(endpoint.registry());
        console.err().println("Metrics at http://127.0.0.1:" + endpoint.port() + "/metrics");
        return Optional.of(endpoint);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
        registry.close();
    }
}
