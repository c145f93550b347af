package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.TestCrawls.Run;
import dev.crawler.sink.CrawlResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile servers' bodies and timing: huge bodies, compression bombs, servers that drip or go
 * silent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileBodiesTest extends HostileFixture {
    // ---- size
    // --------------------------------------------------------------------------------------

    @Test
    void aFiftyMegabyteBodyStopsAtTheCap() throws Exception {
        AtomicLong written = new AtomicLong();
        try (LoopbackServer server =
                new LoopbackServer(
                        ex -> {
                            try (ex) {
                                ex.getResponseHeaders().set("Content-Type", "text/html");
                                ex.sendResponseHeaders(200, 50L << 20);
                                byte[] chunk =
                                        "<p>filler text</p>"
                                                .repeat(1000)
                                                .getBytes(StandardCharsets.UTF_8);
                                OutputStream out = ex.getResponseBody();
                                for (long sent = 0;
                                        sent + chunk.length <= (50L << 20);
                                        sent += chunk.length) {
                                    out.write(chunk);
                                    written.addAndGet(chunk.length);
                                }
                            } catch (IOException e) {
                                // the crawler hung up at its cap: expected
                            }
                        })) {
            Run run = crawl(config().maxBodySize(1 << 20).build(), server.url("/big"));

            CrawlResult.Fetched f = (CrawlResult.Fetched) run.sink().results().get(0);
            assertThat(f.truncated()).isTrue();
            assertThat(f.info().bytes()).isEqualTo(1 << 20);
        }
        assertThat(written.get()).as("bytes the server got to send").isLessThan(50L << 20);
    }

    @Test
    void aSmallGzipBombFailsOnTheCompressionRatio() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) gz.write(zeros); // 64 MiB of zeros in about 64 KiB
        }
        wm.stubFor(
                get(urlEqualTo("/bomb"))
                        .willReturn(
                                ok().withBody(bomb.toByteArray())
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader("Content-Encoding", "gzip")));

        Run run = crawl(config().maxBodySize(32L << 20).build(), base() + "/bomb");

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().results().get(0);
        assertThat(f.error()).startsWith("compression_bomb:").contains("100 times");
        assertThat(f.request().attempt()).isEqualTo(1); // not retried
    }

    @Test
    void anEndlessGzipStreamStopsAtTheDecodedCap() throws Exception {
        try (LoopbackServer server =
                new LoopbackServer(
                        ex -> {
                            try (ex) {
                                ex.getResponseHeaders().set("Content-Type", "text/html");
                                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                                ex.sendResponseHeaders(200, 0);
                                try (GZIPOutputStream gz =
                                        new GZIPOutputStream(ex.getResponseBody())) {
                                    byte[] text =
                                            "<p>aaaa</p>"
                                                    .repeat(10_000)
                                                    .getBytes(StandardCharsets.UTF_8);
                                    for (int i = 0; i < 100_000; i++)
                                        gz.write(text); // ~11 GB if anyone read it all
                                }
                            } catch (IOException e) {
                                // the crawler hung up
                            }
                        })) {
            // The cap is small and the deadline long: making gzip costs the server CPU, and a
            // loaded machine must not turn this into a timeout.
            Run run =
                    crawl(
                            config().maxBodySize(256 << 10)
                                    .maxCompressionRatio(100_000)
                                    .fetchTimeout(Duration.ofSeconds(60))
                                    .maxAttempts(1)
                                    .build(),
                            server.url("/endless"));

            CrawlResult.Fetched f = (CrawlResult.Fetched) run.sink().results().get(0);
            assertThat(f.truncated()).isTrue();
            assertThat(f.info().bytes()).isEqualTo(256 << 10);
        }
    }

    // ---- time
    // --------------------------------------------------------------------------------------

    @Test
    void aServerDrippingOneBytePerSecondIsCutOffByTheTotalDeadline() throws Exception {
        try (LoopbackServer server =
                new LoopbackServer(
                        ex -> {
                            try (ex) {
                                ex.getResponseHeaders().set("Content-Type", "text/html");
                                ex.sendResponseHeaders(200, 0);
                                OutputStream out = ex.getResponseBody();
                                for (int i = 0; i < 120; i++) {
                                    out.write('x');
                                    out.flush();
                                    Thread.sleep(1000);
                                }
                            } catch (IOException | InterruptedException e) {
                                // cut off
                            }
                        })) {
            Run run =
                    crawl(
                            config().fetchTimeout(Duration.ofMillis(1500)).maxAttempts(1).build(),
                            server.url("/drip"));

            assertThat(((CrawlResult.Failed) run.sink().results().get(0)).error())
                    .startsWith("timeout:");
        }
    }

    @Test
    void headersThenSilenceIsCutOffByTheTotalDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LoopbackServer server =
                new LoopbackServer(
                        ex -> {
                            try (ex) {
                                ex.getResponseHeaders().set("Content-Type", "text/html");
                                ex.sendResponseHeaders(200, 0);
                                ex.getResponseBody().flush();
                                release.await(); // never sends a body
                            } catch (IOException | InterruptedException e) {
                                // cut off
                            }
                        })) {
            Run run =
                    crawl(
                            config().fetchTimeout(Duration.ofMillis(800)).maxAttempts(2).build(),
                            server.url("/hang"),
                            server.url("/hang2"));

            assertThat(run.summary().failed()).isEqualTo(2);
            run.sink()
                    .results()
                    .forEach(
                            r ->
                                    assertThat(((CrawlResult.Failed) r).error())
                                            .startsWith("timeout:"));
        } finally {
            release.countDown();
        }
    }
}
