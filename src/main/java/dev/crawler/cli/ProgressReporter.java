package dev.crawler.cli;

import dev.crawler.CrawlStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints a progress line to standard error at a fixed interval while a crawl runs. Owns one
 * scheduler thread, released by {@link #close()}.
 */
final class ProgressReporter implements AutoCloseable {
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().name("progress").daemon().unstarted(r));
    private final Supplier<CrawlStats> stats;
    private final PrintStream err;

    ProgressReporter(Supplier<CrawlStats> stats, PrintStream err, Duration interval) {
        this.stats = stats;
        this.err = err;
        scheduler.scheduleAtFixedRate(
                this::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void print() {
        CrawlStats s = stats.get();
        double seconds = Math.max(1e-9, s.elapsed().toNanos() / 1e9);
        err.println(
                String.format(
                        Locale.ROOT,
                        "[%7.1fs] %d done (%d fetched, %d failed, %d skipped) of %d admitted |"
                                + " %.1f pages/s | queue %d | frontier %d | in flight %d |"
                                + " retries pending %d",
                        seconds,
                        s.done(),
                        s.fetched(),
                        s.failed(),
                        s.skipped(),
                        s.admitted(),
                        s.fetched() / seconds,
                        s.queued(),
                        s.ready(),
                        s.inFlight(),
                        s.retriesPending()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        scheduler.close();
    }
}
