package dev.crawler.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crawler bench-state}: the persistent frontier alone, at a chosen number of URLs. */
@Command(
        name = "bench-state",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark the persistent frontier: admit N distinct URLs (on "
                    + StateBench.HOSTS
                    + " hosts) into a new state folder, resume it, and report the admission"
                    + " rate, resume time, disk size, peak heap and peak RSS."
        })
final class BenchStateCommand implements Callable<Integer> {
    private final Console console;

    @Option(
            names = "--urls",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "URLs to admit (default: ${DEFAULT-VALUE}).")
    long urls;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Threads offering URLs at once, as fetchers do (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "An empty folder for the state (default: a new temporary folder).")
    Path stateDir;

    BenchStateCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = stateDir != null ? stateDir : Files.createTempDirectory("crawler-bench-state");
        try {
            report(dir);
        } finally {
            if (stateDir == null) {
                deleteTree(dir); // ours: hundreds of MiB at 10 million URLs
            }
        }
        return ExitCodes.OK;
    }

    private void report(Path dir) throws Exception {
        StateBench.Result r =
                StateBench.run(
                        urls,
                        threads,
                        dir,
                        n -> console.err().printf(Locale.ROOT, "  %,d URLs admitted%n", n).flush());
        console.out()
                .printf(
                        Locale.ROOT,
                        "persistent frontier: %,d URLs admitted by %d threads in %.1f s (%,.0f/s); resumed in"
                                + " %.1f s; %,d MiB on disk; peak heap %,d MiB; peak RSS %,d MiB;"
                                + " CPU %.1f s%n",
                        r.urls(),
                        threads,
                        r.admitting().toMillis() / 1e3,
                        r.perSecond(),
                        r.resuming().toMillis() / 1e3,
                        r.diskBytes() >> 20,
                        r.process().peakHeapBytes() >> 20,
                        r.process().peakRssBytes() >> 20,
                        r.process().cpu().toMillis() / 1e3);
        console.out().flush();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
