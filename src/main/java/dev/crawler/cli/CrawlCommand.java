package dev.crawler.cli;

import dev.crawler.Crawler;
import dev.crawler.config.ConfigException;
import dev.crawler.config.ConfigFile;
import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.StateCounts;
import dev.crawler.frontier.redis.RedisFrontier;
import dev.crawler.seed.SeedSource;
import dev.crawler.sink.CrawlSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crawler crawl}: crawl from seeds given as arguments, files or standard input. */
@Command(
        name = "crawl",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Crawl from seed URLs and write one JSON line per URL in its final state.",
            "Seeds: URLs as arguments, and/or seed files (one URL per line, # comments)."
        })
final class CrawlCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "Seed URLs.")
    List<String> urls = List.of();

    @Option(
            names = "--seeds",
            paramLabel = "FILE",
            description = "Seed file, one URL per line; '-' reads standard input (repeatable).")
    List<String> seedFiles = List.of();

    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            defaultValue = "crawl.jsonl",
            description =
                    "JSON Lines output; '-' writes to standard output (default: ${DEFAULT-VALUE}).")
    String out;

    @Mixin CrawlOptions options = new CrawlOptions();

    @Option(
            names = "--print-config",
            description = "Print the effective configuration as YAML and exit.")
    boolean printConfig;

    @Mixin OutputOptions output = new OutputOptions();

    @Option(
            names = "--metrics-port",
            paramLabel = "N",
            description =
                    "Serve the crawl's metrics in the Prometheus format at"
                            + " http://127.0.0.1:N/metrics while it runs (0 picks a free port).")
    Optional<Integer> metricsPort = Optional.empty();

    @Mixin StateOptions state = new StateOptions();

    @Option(
            names = {"-v", "--verbose"},
            description = "Log each failure (INFO) as it happens.")
    boolean verbose;

    CrawlCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        CrawlConfig config;
        try {
            config = options.toConfig();
        } catch (ConfigException e) {
            return usage(e.getMessage());
        }
        Scraping scraping;
        try {
            scraping = Scraping.of(config, out);
        } catch (ConfigException e) {
            return usage(e.getMessage());
        }
        if (printConfig) {
            console.out().print(ConfigFile.toYaml(config));
            scraping.rules()
                    .ifPresent(
                            r ->
                                    console.out()
                                            .print(
                                                    "---\n# rules from "
                                                            + config.output().extract()
                                                            + "\n"
                                                            + r.toYaml()
                                                                    .replaceFirst("^---\n", "")));
            console.out().flush();
            return ExitCodes.OK;
        }
        Optional<String> stateProblem = state.problem(config.sharedFrontier());
        if (stateProblem.isPresent()) {
            return usage(stateProblem.get());
        }
        if (config.sharedFrontier() && state.stateDir.isPresent()) {
            return usage(
                    "--state-dir and --frontier exclude each other: a shared crawl keeps its"
                            + " state in Redis");
        }
        if (state.reportOnly()) {
            return config.sharedFrontier() ? state.report(console, config) : state.report(console);
        }
        Optional<CrawlState> crawlState = Optional.empty();
        if (state.stateDir.isPresent()) {
            try {
                crawlState = Optional.of(CrawlState.open(state.stateDir.get()));
            } catch (IOException e) {
                return usage(e.getMessage());
            }
        }
        try {
            return crawl(config, scraping, crawlState);
        } finally {
            // the session has closed it after a crawl (before its summary); not on early errors
            if (crawlState.isPresent()) {
                try {
                    crawlState.get().close();
                } catch (IOException e) {
                    console.err().println("error: cannot close the crawl state: " + e.getMessage());
                }
            }
        }
    }

    /** Crawls; the session closes {@code crawlState} as soon as the crawl has run. */
    private int crawl(CrawlConfig config, Scraping scraping, Optional<CrawlState> crawlState) {
        boolean resumable = false;
        if (crawlState.isPresent()) {
            CrawlState s = crawlState.get();
            if (state.retryFailed) {
                console.err().printf(Locale.ROOT, "Retrying %d failed URLs%n", s.retryFailed());
            }
            if (state.recrawl) {
                console.err().printf(Locale.ROOT, "Recrawling %d fetched URLs%n", s.recrawl());
            }
            StateCounts counts = s.counts();
            resumable = counts.total() > 0;
            if (counts.pending() > 0) {
                console.err()
                        .printf(
                                Locale.ROOT,
                                "Resuming %s: %d pending, %d final%n",
                                s.dir(),
                                counts.pending(),
                                counts.total() - counts.pending());
            }
        }
        Crawler.Builder builder =
                Crawler.builder()
                        .config(config)
                        .onSeedProblem(p -> console.err().println("warning: " + p.describe()));
        if (!urls.isEmpty()) {
            builder.seedSource(SeedSource.of("arguments", urls));
        }
        for (String file : new LinkedHashSet<>(seedFiles)) {
            if (file.equals("-")) {
                builder.seedSource(SeedSource.stream("stdin", console.in()));
                continue;
            }
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                return usage(
                        "seed file "
                                + file
                                + (Files.isDirectory(path)
                                        ? " is a directory"
                                        : " cannot be read (does it exist?)"));
            }
            builder.seedSource(SeedSource.file(path));
        }
        // a process may join a shared crawl without seeds, to help with the work already there
        if (urls.isEmpty() && seedFiles.isEmpty() && !resumable && !config.sharedFrontier()) {
            return usage("no seeds: give URLs as arguments or --seeds FILE (see --help)");
        }
        if (config.sharedFrontier()) {
            // reach Redis before touching the output: a shared crawl appends to it
            try {
                RedisFrontier.connect(config).close();
            } catch (IllegalStateException e) {
                console.err().println("error: " + e.getMessage());
                return ExitCodes.CRAWL_ERROR;
            }
        }
        List<CrawlSink> sinks;
        try {
            sinks =
                    output.open(
                            out,
                            console,
                            VersionProvider.software(),
                            resumeFilter(config, crawlState));
        } catch (IOException e) {
            return usage("cannot write output " + out + ": " + e.getMessage());
        }
        GuardedOutputs guard = new GuardedOutputs();
        sinks.forEach(s -> builder.sink(guard.guard(s)));
        try {
            scraping.apply(builder, console, resumeFilter(config, crawlState), guard);
        } catch (IOException e) {
            guard.finish(ExitCodes.USAGE, console);
            return usage("cannot write items " + scraping.items() + ": " + e.getMessage());
        }
        crawlState.ifPresent(builder::state);
        Optional<MetricsEndpoint> metrics;
        try {
            metrics = MetricsEndpoint.attach(metricsPort, builder, console);
        } catch (IOException e) {
            guard.finish(ExitCodes.USAGE, console);
            return usage("cannot serve metrics: " + e.getMessage());
        }
        LongAdder written = new LongAdder();
        builder.sink(r -> written.increment());
        Crawler crawler;
        try {
            crawler = builder.build();
        } catch (IllegalStateException e) {
            console.err().println("error: " + e.getMessage());
            metrics.ifPresent(MetricsEndpoint::close);
            guard.finish(ExitCodes.CRAWL_ERROR, console);
            return ExitCodes.CRAWL_ERROR;
        } catch (IllegalArgumentException e) { // bad input (a cookies.txt line), before any request
            metrics.ifPresent(MetricsEndpoint::close);
            guard.finish(ExitCodes.USAGE, console);
            return usage(e.getMessage());
        }
        int code;
        try {
            code =
                    CrawlSession.run(
                            console,
                            crawler,
                            out.equals("-") ? "standard output" : out,
                            output,
                            crawlState,
                            guard);
        } finally {
            metrics.ifPresent(MetricsEndpoint::close);
        }
        if (scraping.active() && !output.quiet) {
            console.err().println("  items to   " + scraping.itemsName());
        }
        if (config.sharedFrontier() && !output.quiet) {
            console.err()
                    .printf(
                            Locale.ROOT,
                            "  shared     crawl '%s': %d records written by this process%n",
                            config.shared().orElseThrow().crawlName(),
                            written.sum());
        }
        return code;
    }

    /**
     * With a state, or a shared frontier, records are appended and flushed one by one before the
     * frontier hears the URL is final, so a killed process loses none. A state also says which
     * records to keep of an earlier run; a shared crawl keeps every whole record.
     */
    private static Optional<Predicate<String>> resumeFilter(
            CrawlConfig config, Optional<CrawlState> crawlState) {
        if (crawlState.isPresent()) {
            CrawlState s = crawlState.get();
            return Optional.of(s::isFinal);
        }
        return config.sharedFrontier() ? Optional.of(url -> true) : Optional.empty();
    }

    private int usage(String message) {
        console.err().println("error: " + message);
        return ExitCodes.USAGE;
    }
}
