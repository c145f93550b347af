package dev.crawler;

import static dev.crawler.CrawlAssertions.assertLedger;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.Admission;
import dev.crawler.sink.CrawlSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A URL submitted with a priority overtakes the thousand normal URLs waiting before it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PriorityTest {
    private static final int PAGES = 1_000;

    private final List<String> served = new CopyOnWriteArrayList<>();

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            served.add(path);
            StringBuilder b = new StringBuilder("<html><title>").append(path).append("</title>");
            if (path.equals("/")) {
                for (int i = 0; i < PAGES; i++) {
                    b.append("<a href=\"/n/").append(i).append("\">n</a>");
                }
            } else {
                Thread.sleep(3); // a server that takes a moment, so the queue stays long
            }
            byte[] body = b.append("</html>").toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPriorityUrlSubmittedBehindAThousandIsFetchedWithinTheNextFewFetches() throws Exception {
        try (LoopbackServer server = new LoopbackServer(this::handle)) {
            CrawlConfig config =
                    CrawlConfig.builder()
                            .workers(2)
                            .hostConcurrency(2)
                            .hostDelay(Duration.ZERO)
                            .adaptiveDelay(false)
                            .respectRobots(false)
                            .build();
            CountDownLatch twentyDone = new CountDownLatch(20);
            CollectingSink sink = new CollectingSink();
            CrawlSink counter = result -> twentyDone.countDown();
            try (Crawler crawler =
                    Crawler.builder()
                            .config(config)
                            .seeds(server.url("/"))
                            .sink(sink)
                            .sink(counter)
                            .build()) {
                CompletableFuture<CrawlSummary> run = crawler.start();
                assertThat(twentyDone.await(60, TimeUnit.SECONDS)).isTrue();

                int servedBefore = served.size();
                Admission a = crawler.submit(server.url("/urgent"), 10);
                assertThat(a).isInstanceOf(Admission.Admitted.class);

                CrawlSummary summary = run.get(60, TimeUnit.SECONDS);
                assertLedger(summary, sink);
                assertThat(summary.fetched()).isEqualTo(PAGES + 2);

                int position = served.indexOf("/urgent");
                assertThat(servedBefore)
                        .as("normal URLs still waiting when it was submitted")
                        .isLessThan(PAGES / 2);
                // at most the fetches already in flight or handed to fetchers (host concurrency
                // 2, two fetchers) come before it
                assertThat(position - servedBefore).as("fetches before it").isLessThanOrEqualTo(4);
            }
        }
    }

    @Test
    void seedFileLinesCarryAPriority() throws Exception {
        try (LoopbackServer server = new LoopbackServer(this::handle)) {
            CrawlConfig config =
                    CrawlConfig.builder()
                            .workers(1)
                            .hostConcurrency(1)
                            .hostDelay(Duration.ZERO)
                            .respectRobots(false)
                            .maxDepth(0)
                            .build();
            CollectingSink sink = new CollectingSink();
            List<String> problems = new CopyOnWriteArrayList<>();
            StringBuilder seeds = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                seeds.append(server.url("/n/" + i)).append('\n');
            }
            seeds.append(server.url("/n/99")).append("\t7\n");
            seeds.append(server.url("/n/98")).append("\tlots\n");
            try (Crawler crawler =
                    Crawler.builder()
                            .config(config)
                            .seedSource(
                                    dev.crawler.seed.SeedSource.stream(
                                            "seeds.txt",
                                            new java.io.ByteArrayInputStream(
                                                    seeds.toString()
                                                            .getBytes(StandardCharsets.UTF_8))))
                            .onSeedProblem(p -> problems.add(p.describe()))
                            .sink(sink)
                            .build()) {
                CrawlSummary summary = crawler.run();
                assertLedger(summary, sink);
                assertThat(summary.fetched()).isEqualTo(21);
            }
            assertThat(problems).singleElement().asString().contains("seeds.txt:22", "lots");
            // one fetcher, one host: the priority seed is fetched before the seeds still waiting
            assertThat(served.indexOf("/n/99")).isLessThan(served.indexOf("/n/19"));
        }
    }
}
