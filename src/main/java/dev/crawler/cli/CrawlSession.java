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

    static int run(
            Console console,
            Crawler crawler,
            String outputLabel,
            OutputOptions output,
            GuardedOutputs outputs) {
        return run(console, crawler, outputLabel, output, Optional.empty(), outputs);
    }

    /**
     * Runs the crawl; {@code state} is closed (saved) after the crawler and before the summary, and
     * {@code outputs} are finished (committed or kept aside) before a signal's shutdown, which ends
     * the JVM once they are, may go on: a stop by SIGTERM or out of memory never skips either.
     */
    static int run(
            Console console,
            Crawler crawler,
            String outputLabel,
            OutputOptions output,
            Optional<CrawlState> state,
            GuardedOutputs outputs) {
        CountDownLatch reported = new CountDownLatch(1);
        AtomicBoolean signalled = new AtomicBoolean();
        Duration wait =
                crawler.config()
                        .engine()
                        .shutdownGrace()
                        .plus(crawler.config().fetch().fetchTimeout())
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
                                        crawler.config().scope().maxPages()));
        if (crawler.config().scope().ssrfGuard()) {
            // the guard at the moment of connecting too: no DNS rebinding past it
            GuardedResolver.install(crawler::exemptsHost);
        }
        try {
            summary = crawler.run();
        } catch (CrawlFailedException e) {
            summary = e.summary(); // reported below, with exit code 1 (4 out of memory)
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
        int code = ExitCodes.CRAWL_ERROR;
        try {
            SummaryPrinter.print(summary, outputLabel, console.err());
            if (output.summaryJson.isPresent()) {
                SummaryJson.write(summary, output.summaryJson.get());
            }
            code = exitCode(console, summary, signalled.get(), state);
        } catch (java.io.IOException e) {
            console.err().println("error: cannot write the summary: " + e.getMessage());
        } finally {
            try {
                outputs.finish(code, console);
            } finally {
                reported.countDown();
            }
        }
        return code;
    }

    private static int exitCode(
            Console console, CrawlSummary summary, boolean signalled, Optional<CrawlState> state) {
        if (summary.error().isPresent()) { // a failure stopped it, whatever signal came after
            return summary.outOfMemory() ? ExitCodes.OUT_OF_MEMORY : ExitCodes.CRAWL_ERROR;
        }
        if (signalled) {
            return ExitCodes.INTERRUPTED;
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
