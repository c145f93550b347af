package dev.crawler.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The ceiling the crawler is measured against: the JDK's {@link HttpClient} fetching a fixed URL
 * list with N virtual threads, the same request headers as the crawler, and nothing else: no
 * frontier, no parsing, no decoding, no output.
 */
final class RawFetch {
    /** What one raw run measured. */
    public record Result(long ok, long failed, Duration wall, ConcurrentHistogram latencyMicros) {}

    private RawFetch() {}

    /** Fetches every URL once with {@code concurrency} threads. */
    public static Result run(List<URI> urls, int concurrency) throws InterruptedException {
        ConcurrentLinkedQueue<URI> todo = new ConcurrentLinkedQueue<>(urls);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        long start = System.nanoTime();
        try (ExecutorService http = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client =
                        HttpClient.newBuilder()
                                .executor(http)
                                .version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(Duration.ofSeconds(10))
                                .build();
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                workers.execute(
                        () -> {
                            URI url;
                            while ((url = todo.poll()) != null) {
                                long t0 = System.nanoTime();
                                try {
                                    HttpResponse<byte[]> r =
                                            client.send(
                                                    HttpRequest.newBuilder(url)
                                                            .timeout(Duration.ofSeconds(30))
                                                            .header(
                                                                    "User-Agent",
                                                                    "jvm-crawler-bench")
                                                            .header("Accept", "text/html")
                                                            .header(
                                                                    "Accept-Encoding",
                                                                    "gzip, deflate")
                                                            .build(),
                                                    HttpResponse.BodyHandlers.ofByteArray());
                                    (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                                } catch (IOException e) {
                                    failed.incrementAndGet();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                                latency.recordValue(
                                        Math.min((System.nanoTime() - t0) / 1_000, 3_600_000_000L));
                            }
                        });
            }
        }
        return new Result(
                ok.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start), latency);
    }
}
