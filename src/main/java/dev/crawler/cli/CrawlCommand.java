package dev.crawler.cli;

import dev.crawler.Crawler;
import dev.crawler.config.ConfigException;
import dev.crawler.config.ConfigFile;
import dev.crawler.config.CrawlConfig;
import dev.crawler.seed.SeedSource;
import dev.crawler.sink.CrawlSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
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
        if (printConfig) {
            console.out().print(ConfigFile.toYaml(config));
            console.out().flush();
            return ExitCodes.OK;
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
        if (urls.isEmpty() && seedFiles.isEmpty()) {
            return usage("no seeds: give URLs as arguments or --seeds FILE (see --help)");
        }
        List<CrawlSink> sinks;
        try {
            sinks = output.open(out, console, VersionProvider.software());
        } catch (IOException e) {
            return usage("cannot write output " + out + ": " + e.getMessage());
        }
        sinks.forEach(builder::sink);
        return CrawlSession.run(
                console, builder.build(), out.equals("-") ? "standard output" : out, output);
    }

    private int usage(String message) {
        console.err().println("error: " + message);
        return ExitCodes.USAGE;
    }
}
