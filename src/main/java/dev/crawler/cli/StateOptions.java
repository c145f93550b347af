package dev.crawler.cli;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.StateCounts;
import dev.crawler.frontier.redis.RedisFrontier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** The options of a crawl kept in a state folder: resume, status, dead letters, recrawl. */
final class StateOptions {
    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "Keep the crawl's frontier and ledger in DIR (RocksDB): the same command run again"
                            + " resumes it after a crash or Ctrl-C, and never fetches a finished"
                            + " URL twice.")
    Optional<Path> stateDir = Optional.empty();

    @Option(
            names = "--status",
            description = "With --state-dir or --frontier: print the crawl's ledger and exit.")
    boolean status;

    @Option(
            names = "--export-failed",
            paramLabel = "FILE",
            description =
                    "With --state-dir or --frontier: write the URLs that failed for good, with"
                            + " their reasons, as a seed file, and exit.")
    Optional<Path> exportFailed = Optional.empty();

    @Option(
            names = "--retry-failed",
            description = "With --state-dir: admit the URLs that failed for good again, and crawl.")
    boolean retryFailed;

    @Option(
            names = "--recrawl",
            description =
                    "With --state-dir: fetch every fetched URL again with conditional requests"
                            + " (If-None-Match, If-Modified-Since); unchanged pages cost no parse.")
    boolean recrawl;

    /**
     * A usage error in these options, if any.
     *
     * @param shared whether the crawl's frontier is shared through Redis ({@code --frontier})
     */
    Optional<String> problem(boolean shared) {
        if (stateDir.isEmpty() && (retryFailed || recrawl)) {
            return Optional.of("--retry-failed and --recrawl need --state-dir");
        }
        if (stateDir.isEmpty() && !shared && (status || exportFailed.isPresent())) {
            return Optional.of("--status and --export-failed need --state-dir or --frontier");
        }
        return Optional.empty();
    }

    /** Whether the command only reports on the state, without crawling. */
    boolean reportOnly() {
        return status || exportFailed.isPresent();
    }

    /** Prints the status or writes the dead letters of a shared crawl; the exit code. */
    int report(Console console, CrawlConfig shared) {
        try (RedisFrontier frontier = RedisFrontier.connect(shared)) {
            String from =
                    "crawl '"
                            + shared.shared().orElseThrow().crawlName()
                            + "' at "
                            + frontier.where();
            report(
                    console,
                    out -> printCounts(from, frontier.stats(), out),
                    from,
                    frontier::forEachFailed);
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.CRAWL_ERROR;
        }
    }

    /** Prints the status or writes the dead letters; the exit code. */
    int report(Console console) {
        try (CrawlState state = CrawlState.openReadOnly(stateDir.orElseThrow())) {
            report(
                    console,
                    out -> printCounts(state, out),
                    state.dir().toString(),
                    each ->
                            state.forEachFailed(
                                    d ->
                                            each.accept(
                                                    d.url(),
                                                    d.reason()
                                                            + " (attempts "
                                                            + d.attempts()
                                                            + ")")));
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /**
     * What {@code --status} and {@code --export-failed} ask, from either kind of crawl.
     *
     * @param printStatus prints the ledger
     * @param from names the crawl in the dead-letter file
     * @param failed calls its argument with each failed URL and its reason
     */
    private void report(
            Console console,
            Consumer<PrintStream> printStatus,
            String from,
            Consumer<BiConsumer<String, String>> failed)
            throws IOException {
        if (status) {
            printStatus.accept(console.out());
        }
        if (exportFailed.isPresent()) {
            long n = writeFailed(exportFailed.get(), from, failed);
            console.err()
                    .printf(Locale.ROOT, "Wrote %d failed URLs to %s%n", n, exportFailed.get());
        }
        console.out().flush();
    }

    private static void printCounts(String crawl, FrontierStats s, PrintStream out) {
        out.printf(Locale.ROOT, "shared    %s%n", crawl);
        out.printf(
                Locale.ROOT,
                "ledger    admitted %d = fetched %d + failed %d + skipped %d + outstanding %d%n",
                s.admitted(),
                s.fetched(),
                s.failed(),
                s.skipped(),
                s.outstanding());
        out.printf(
                Locale.ROOT,
                "crawl     %s%n",
                s.admitted() == 0 ? "empty" : s.outstanding() == 0 ? "finished" : "unfinished");
    }

    private static void printCounts(CrawlState state, PrintStream out) {
        StateCounts c = state.counts();
        out.printf(Locale.ROOT, "state     %s%n", state.dir());
        out.printf(
                Locale.ROOT,
                "ledger    admitted %d = fetched %d + failed %d + skipped %d + pending %d%n",
                c.total(),
                c.fetched(),
                c.failed(),
                c.skipped(),
                c.pending());
        out.printf(
                Locale.ROOT,
                "crawl     %s%n",
                c.total() == 0 ? "empty" : c.finished() ? "finished" : "unfinished (resumable)");
    }

    /** Writes dead letters as a seed file: a {@code # reason} line above each URL. */
    private static long writeFailed(
            Path file, String from, Consumer<BiConsumer<String, String>> failed)
            throws IOException {
        long[] n = {0};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# URLs that failed after their last attempt, from " + from + "\n");
            failed.accept(
                    (url, reason) -> {
                        try {
                            w.write("# " + reason.replace('\n', ' ') + "\n" + url + "\n");
                            n[0]++;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return n[0];
    }
}
