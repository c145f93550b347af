package dev.crawler.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crawler bench}: the benchmark behind {@code make bench}. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmark the crawler against a raw-fetch ceiling on a local synthetic site.")
final class BenchCommand implements Callable<Integer> {
    private final Console console;

    @Option(
            names = "--pages",
            defaultValue = "20000",
            description = "Pages of the zero-delay site (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(
            names = "--delay-pages",
            defaultValue = "2000",
            description = "Pages of the delayed site (default: ${DEFAULT-VALUE}).")
    int delayPages;

    @Option(
            names = "--delay",
            defaultValue = "50ms",
            converter = DurationConverter.class,
            description =
                    "Server delay of the second site; 0ms skips it (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(
            names = "--fetchers",
            split = ",",
            defaultValue = "5,64,1000",
            description = "Fetcher counts (default: ${DEFAULT-VALUE}).")
    List<Integer> fetchers;

    @Option(
            names = "--out",
            defaultValue = "target/bench",
            description = "Where JSON results go (default: ${DEFAULT-VALUE}).")
    Path out;

    BenchCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        boolean complete =
                new Bench(new Bench.Plan(pages, delayPages, delay, fetchers, out), console.out())
                        .run();
        return complete ? ExitCodes.OK : ExitCodes.CRAWL_ERROR;
    }
}
