package dev.crawler.cli;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.LocalFrontier;
import dev.crawler.frontier.StateCounts;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Via;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The persistent frontier alone: admits {@code N} distinct URLs into a frontier kept in a state
 * folder, then closes it and resumes it, and reports the admission rate, the time to resume, the
 * size on disk and the process's peak heap and resident memory (run it in a JVM of its own, with
 * the launcher's options, for the memory figures to mean something).
 */
final class StateBench {
    /** URLs are spread over this many hosts, as in a crawl of many sites. */
    public static final int HOSTS = 10_000;

    /** URLs are offered in groups of this many, as the links of one fetched page are. */
    public static final int LINKS_PER_PAGE = 10;

    /**
     * The measurements.
     *
     * @param urls URLs admitted
     * @param admitting time to admit them
     * @param resuming time to reopen the state and rebuild the frontier from it
     * @param diskBytes size of the state folder
     * @param process CPU and peak memory of the process at the end
     */
    public record Result(
            long urls,
            Duration admitting,
            Duration resuming,
            long diskBytes,
            ProcessStats process) {
        /** Admissions per second. */
        public double perSecond() {
            return urls / Math.max(1e-9, admitting.toNanos() / 1e9);
        }
    }

    private StateBench() {}

    /**
     * Admits {@code count} URLs into a new state in {@code dir} from {@code threads} threads (as
     * fetchers offer the links of their pages concurrently), reporting progress every million.
     */
    public static Result run(long count, int threads, Path dir, LongConsumer progress)
            throws IOException, InterruptedException {
        CrawlConfig config =
                CrawlConfig.builder().respectRobots(false).sameHost(false).maxDepth(10).build();
        Duration admitting;
        try (CrawlState state = CrawlState.open(dir)) {
            if (state.counts().total() > 0) {
                throw new IOException(dir + " already holds a crawl state: give an empty folder");
            }
            LocalFrontier frontier = new LocalFrontier(config, state);
            Admission seed = frontier.admitSeed("http://seed.example/");
            CrawlRequest parent = ((Admission.Admitted) seed).request();
            long start = System.nanoTime();
            AtomicLong done = new AtomicLong();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long from = count * t / threads;
                    long to = count * (t + 1) / threads;
                    parts.add(
                            pool.submit(
                                    () -> offerRange(frontier, parent, from, to, done, progress)));
                }
                for (Future<?> part : parts) {
                    part.get();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("admission failed", e.getCause());
            }
            admitting = Duration.ofNanos(System.nanoTime() - start);
            long admitted = frontier.stats().admitted();
            if (admitted != count + 1) {
                throw new IllegalStateException(
                        "admitted " + admitted + ", expected " + (count + 1));
            }
        }
        long start = System.nanoTime();
        try (CrawlState state = CrawlState.open(dir)) {
            LocalFrontier resumed = new LocalFrontier(config, state);
            StateCounts counts = state.counts();
            if (counts.pending() != count + 1 || resumed.stats().outstanding() != count + 1) {
                throw new IllegalStateException("resumed " + counts + ", expected " + (count + 1));
            }
        }
        Duration resuming = Duration.ofNanos(System.nanoTime() - start);
        return new Result(count, admitting, resuming, sizeOf(dir), ProcessStats.now());
    }

    private static void offerRange(
            LocalFrontier frontier,
            CrawlRequest parent,
            long from,
            long to,
            AtomicLong done,
            LongConsumer progress) {
        List<String> page = new ArrayList<>(LINKS_PER_PAGE);
        for (long i = from; i < to; i++) {
            page.add(
                    "http://host"
                            + (i % HOSTS)
                            + ".example/section/"
                            + (i % 97)
                            + "/page-"
                            + i
                            + ".html?ref=bench");
            if (page.size() == LINKS_PER_PAGE || i == to - 1) {
                frontier.offerAll(page, parent, Via.LINK); // as a fetched page's links go
                page.clear();
            }
            if (done.incrementAndGet() % 1_000_000 == 0) {
                progress.accept(done.get());
            }
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .sum();
        }
    }
}
