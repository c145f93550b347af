package dev.crawler.cli;

import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.FetchSpec;
import dev.crawler.fetch.RateLimitedFetcher;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The rate limiter alone, the way the crawler uses it: 64 fetchers asking for permits as fast as
 * they can for a fixed span; counts what got through per second overall and in every sliding
 * second.
 */
final class RateBench {
    /** The measurements. */
    public record Result(double requested, double delivered, int maxInAnySecond, long total) {}

    private RateBench() {}

    /** Runs for {@code span} at {@code rate} permits per second. */
    public static Result run(double rate, Duration span) throws InterruptedException {
        ConcurrentLinkedQueue<Long> stamps = new ConcurrentLinkedQueue<>();
        RateLimitedFetcher limited =
                new RateLimitedFetcher(
                        (request, spec) -> {
                            stamps.add(System.nanoTime());
                            return new FetchResult.Throttled(request);
                        },
                        rate,
                        Duration.ofHours(1));
        CrawlRequest request = CrawlRequest.seed(URI.create("http://bench.invalid/"));
        long end = System.nanoTime() + span.toNanos();
        try (ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                fetchers.execute(
                        () -> {
                            try {
                                while (System.nanoTime() < end) {
                                    limited.fetch(request, FetchSpec.page(1));
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
            }
        }
        List<Long> times = new ArrayList<>(stamps);
        Collections.sort(times);
        List<Long> inSpan = times.stream().filter(t -> t <= end).toList();
        int max = 0;
        for (int i = 0, j = 0; i < inSpan.size(); i++) {
            while (j < inSpan.size() && inSpan.get(j) - inSpan.get(i) < 1_000_000_000L) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return new Result(rate, inSpan.size() / (span.toNanos() / 1e9), max, inSpan.size());
    }
}
