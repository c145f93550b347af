package dev.crawler.cli;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.LocalFrontier;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Via;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/** The frontier alone: how fast it admits new URLs and how much heap each seen URL costs. */
final class FrontierBench {
    /** The measurements. */
    public record Result(long urls, Duration elapsed, long heapBytesPerUrl) {
        /** Admissions per second. */
        public double perSecond() {
            return urls / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private FrontierBench() {}

    /** Admits {@code count} distinct links on 1,000 hosts and measures. */
    public static Result run(int count) throws InterruptedException {
        CrawlConfig config =
                CrawlConfig.builder().respectRobots(false).sameHost(false).maxDepth(10).build();
        long heapBefore = usedHeapAfterGc();
        LocalFrontier frontier = new LocalFrontier(config);
        Admission seedAdmission = frontier.admitSeed("http://seed.example/");
        CrawlRequest parent = ((Admission.Admitted) seedAdmission).request();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            frontier.offer(
                    "http://host"
                            + (i % 1000)
                            + ".example/section/"
                            + (i % 97)
                            + "/page-"
                            + i
                            + ".html?ref=bench",
                    parent,
                    Via.LINK);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long heapAfter = usedHeapAfterGc();
        long admitted = frontier.stats().admitted();
        if (admitted != count + 1L) {
            throw new IllegalStateException("admitted " + admitted + ", expected " + (count + 1));
        }
        return new Result(count, elapsed, (heapAfter - heapBefore) / count);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // let the collector settle; a benchmark, not a test
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
