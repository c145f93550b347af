package dev.crawler;

import static dev.crawler.CrawlAssertions.assertLedger;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crawler.config.CrawlConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the fetchers really run at once: the server holds every page request at a barrier until as
 * many requests as there are fetchers have arrived. Fewer fetchers in flight would break the
 * barrier (a timeout, and a failed assertion); more would show in the peak count. Nothing here
 * depends on how fast the machine is.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrencyTest {

    /** A loopback server whose page handler waits at a barrier of {@code parties} requests. */
    private static final class BarrierSite implements AutoCloseable {
        final HttpServer server;
        final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        final CyclicBarrier barrier;
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger brokenBarriers = new AtomicInteger();
        final int pages;

        BarrierSite(int parties, int pages) throws IOException {
            this.barrier = new CyclicBarrier(parties);
            this.pages = pages;
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String root() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        void handle(HttpExchange ex) throws IOException {
            try (ex) {
                String body;
                if (ex.getRequestURI().getPath().equals("/")) {
                    StringBuilder b = new StringBuilder("<html><body>");
                    for (int i = 0; i < pages; i++) {
                        b.append("<a href=\"/p").append(i).append("\">p</a>");
                    }
                    body = b.append("</body></html>").toString();
                } else {
                    int now = current.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    try {
                        barrier.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                        brokenBarriers.incrementAndGet();
                    } finally {
                        current.decrementAndGet();
                    }
                    body = "<html><title>page</title></html>";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/html");
                // A fresh connection per request: the JDK server closes keep-alive connections
                // beyond 200 idle ones, and a client reusing one it just closed gets an error,
                // a retry a backoff later, and a round that cannot fill its barrier (seen once
                // on CI with 300 fetchers).
                ex.getResponseHeaders().set("Connection", "close");
                ex.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.close();
        }
    }

    @ParameterizedTest(name = "{0} fetchers")
    @ValueSource(ints = {5, 300})
    void fetchersAreInFlightAtOnce(int workers) throws Exception {
        int pages = workers * 4;
        try (BarrierSite site = new BarrierSite(workers, pages)) {
            // our own server: no politeness delay, no per-host cap below the fetcher count, and no
            // adaptive delay: the barrier makes every answer slow on purpose, which would stretch
            // the host's delay (latency / concurrency) and spread the requests of a round apart
            CrawlConfig.Builder config =
                    CrawlConfig.builder()
                            .hostDelay(java.time.Duration.ZERO)
                            .hostConcurrency(workers)
                            .respectRobots(false)
                            .adaptiveDelay(false)
                            // longer than the barrier's 30 s: a round that does not fill ends in
                            // answers and a failed assertion, not in timeouts that slow the host
                            .fetchTimeout(java.time.Duration.ofSeconds(60));
            if (workers != CrawlConfig.defaults().engine().workers()) {
                config.workers(workers);
            }
            CollectingSink sink = new CollectingSink();
            CrawlSummary summary;
            try (Crawler crawler =
                    Crawler.builder()
                            .config(config.build())
                            .seeds(site.root())
                            .sink(sink)
                            .build()) {
                summary = crawler.run();
            }

            assertLedger(summary, sink);
            assertThat(summary.fetched()).isEqualTo(pages + 1);
            assertThat(site.brokenBarriers.get())
                    .as("barrier timeouts: fewer fetchers than expected in flight")
                    .isZero();
            assertThat(site.peak.get()).isEqualTo(workers);
        }
    }
}
