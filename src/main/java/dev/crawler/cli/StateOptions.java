package dev.crawler.cli;

import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.StateCounts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of a crawl kept in a state folder: resume, status, dead letters, recrawl. */
final class StateOptions {
    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "Keep the crawl's frontier and ledger in DIR (SQLite): the same command run again"
                            + " resumes it after a crash or Ctrl-C, and never fetches a finished"
                            + " URL twice.")
    Optional<Path> stateDir = Optional.empty();

    @Option(
            names = "--status",
            description = "With --state-dir: print the ledger of the state and exit.")
    boolean status;

    @Option(
            names = "--export-failed",
            paramLabel = "FILE",
            description =
                    "With --state-dir: write the URLs that failed for good, with their reasons, as"
                            + " a seed file, and exit.")
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

    /** A usage error in these options, if any. */
    Optional<String> problem() {
        if (stateDir.isEmpty() && (status || exportFailed.isPresent() || retryFailed || recrawl)) {
            return Optional.of(
                    "--status, --export-failed, --retry-failed and --recrawl need --state-dir");
        }
        return Optional.empty();
    }

    /** Whether the command only reports on the state, without crawling. */
    boolean reportOnly() {
        return status || exportFailed.isPresent();
    }

    /** Prints the status or writes the dead letters; the exit code. */
    int report(Console console) {
        try (CrawlState state = CrawlState.openReadOnly(stateDir.orElseThrow())) {
            if (status) {
                printCounts(state, console.out());
            }
            if (exportFailed.isPresent()) {
                long n = writeFailed(state, exportFailed.get());
                console.err()
                        .printf(Locale.ROOT, "Wrote %d failed URLs to %s%n", n, exportFailed.get());
            }
            console.out().flush();
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
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

    private static long writeFailed(CrawlState state, Path file) throws IOException {
        long[] n = {0};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# URLs that failed after their last attempt, from " + state.dir() + "\n");
            state.forEachFailed(
                    d -> {
                        try {
                            w.write(
                                    "# "
                                            + d.reason().replace('\n', ' ')
                                            + " (attempts "
                                            + d.attempts()
                                            + ")\n"
                                            + d.url()
                                            + "\n");
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
