package dev.crawler.cli;

import dev.crawler.CrawlFailedException;
import dev.crawler.CrawlSummary;
import dev.crawler.Crawler;
import dev.crawler.fetch.GuardedResolver;
import dev.crawler.frontier.CrawlState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one crawler for the CLI: progress while it runs, Ctrl-C (SIGINT) and SIGTERM turned into a
 * clean cancel, the summary at the end, and the exit code.
 */
final class CrawlSession {
    private CrawlSession() {}

    static int run(Console console, Crawler crawler, String outputLabel, OutputOptions output) {
        return run(console, crawler, outputLabel, output, Optional.empty());
    }

    /**
     * Runs the crawl; {@code state} is closed (saved) after the crawler and before the summary, so
     * that a signal's shutdown, which ends the JVM once the summary is out, never skips it.
     */
    static int run(
            Console console,
            Crawler crawler,
            String outputLabel,
            OutputOptions output,
            Optional<CrawlState> state) {
        CountDownLatch reported = new CountDownLatch(1);
        AtomicBoolean signalled = new AtomicBoolean();
        Duration wait =
                crawler.config()
                        .shutdownGrace()
                        .plus(crawler.config().fetchTimeout())
                        .plusSeconds(5);
        Thread hook =
                Thread.ofPlatform()
                        .name("crawler-shutdown")
                        .unstarted(
                                () -> {
                                    console.shuttingDown().set(true);
                                    signalled.set(true);
                                    console.err()
                                            .println("Stopping: finishing fetches in flight...");
                                    crawler.cancel();
                                    try {
                                        reported.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                });
        Runtime.getRuntime().addShutdownHook(hook);
        CrawlSummary summary;
        Optional<ProgressReporter> progress =
                output.quiet || !ProgressReporter.interactive()
                        ? Optional.empty()
                        : Optional.of(
                                new ProgressReporter(
                                        crawler::stats,
                                        console.err(),
                                        crawler.config().maxPages()));
        if (crawler.config().ssrfGuard()) {
            // the guard at the moment of connecting too: no DNS rebinding past it
            GuardedResolver.install(crawler::exemptsHost);
        }
        try {
            summary = crawler.run();
        } catch (CrawlFailedException e) {
            summary = e.summary(); // reported below, with exit code 1
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.err().println("error: interrupted");
            return ExitCodes.INTERRUPTED;
        } finally {
            GuardedResolver.uninstall();
            progress.ifPresent(ProgressReporter::close);
            crawler.close();
            closeState(console, state);
            if (!signalled.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down; the hook is running or about to
                }
            }
        }
        try {
            SummaryPrinter.print(summary, outputLabel, console.err());
            if (output.summaryJson.isPresent()) {
                SummaryJson.write(summary, output.summaryJson.get());
            }
        } catch (java.io.IOException e) {
            console.err().println("error: cannot write the summary: " + e.getMessage());
            return ExitCodes.CRAWL_ERROR;
        } finally {
            reported.countDown();
        }
        if (signalled.get()) {
            return ExitCodes.INTERRUPTED;
        }
        if (summary.error().isPresent()) {
            return ExitCodes.CRAWL_ERROR;
        }
        if (state.isPresent() && summary.admitted() == 0 && summary.seedErrors() == 0) {
            console.err()
                    .println(
                            "Nothing to do: every URL of "
                                    + state.get().dir()
                                    + " is final (--recrawl fetches them again, --retry-failed"
                                    + " retries the failures)");
        }
        if (summary.admitted() == 0 && summary.seedErrors() > 0) {
            console.err().println("error: no seed was a valid URL");
            return ExitCodes.NO_VALID_SEEDS;
        }
        return ExitCodes.OK;
    }

    private static void closeState(Console console, Optional<CrawlState> state) {
        if (state.isEmpty()) {
            return;
        }
        try {
            state.get().close();
        } catch (java.io.IOException | RuntimeException e) {
            console.err().println("error: cannot save the crawl state: " + e.getMessage());
        }
    }
}
