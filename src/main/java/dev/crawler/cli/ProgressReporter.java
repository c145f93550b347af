package dev.crawler.cli;

import dev.crawler.CrawlStats;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A live progress bar on standard error (me.tongfei progressbar): pages done out of admitted (or
 * out of {@code --max-pages}, with an ETA), pages per second, queue depth, URLs in flight, retries
 * pending, errors. Refreshed four times a second. Owns one scheduler thread and the bar's own, both
 * released by {@link #close()}.
 */
final class ProgressReporter implements AutoCloseable {
    private static final Duration INTERVAL = Duration.ofMillis(250);

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().name("progress").daemon().unstarted(r));
    private final Supplier<CrawlStats> stats;
    private final ProgressBar bar;
    private final long maxPages;

    ProgressReporter(Supplier<CrawlStats> stats, PrintStream err, long maxPages) {
        this.stats = stats;
        this.maxPages = maxPages;
        ProgressBarBuilder builder =
                new ProgressBarBuilder()
                        .setTaskName("Crawling")
                        .setInitialMax(maxPages > 0 ? maxPages : 1)
                        .setUnit(" pages", 1)
                        .showSpeed()
                        .setUpdateIntervalMillis((int) INTERVAL.toMillis())
                        .setConsumer(new ConsoleProgressBarConsumer(err));
        if (maxPages <= 0) {
            builder.hideEta(); // no known end
        }
        this.bar = builder.build();
        scheduler.scheduleAtFixedRate(this::update, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether standard error looks like an interactive terminal (no bar otherwise). */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+: a Console exists even when redirected; ask whether it is a terminal.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless we are on a terminal
        }
    }

    private void update() {
        CrawlStats s = stats.get();
        bar.maxHint(maxPages > 0 ? maxPages : Math.max(1, s.admitted()));
        bar.stepTo(s.done());
        bar.setExtraMessage(
                String.format(
                        Locale.ROOT,
                        " | queue %d | in flight %d | retries %d | errors %d",
                        s.queued() + s.ready(),
                        s.inFlight(),
                        s.retriesPending(),
                        s.failed()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        scheduler.close();
        update();
        bar.close();
    }
}
