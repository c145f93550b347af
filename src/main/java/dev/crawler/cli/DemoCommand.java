package dev.crawler.cli;

import dev.crawler.Crawler;
import dev.crawler.config.ConfigException;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlSink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crawler demo}: serve the bundled site on 127.0.0.1 and crawl it, offline. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Serve the bundled demo site on 127.0.0.1 and crawl it (works offline).")
final class DemoCommand implements Callable<Integer> {
    private final Console console;

    @Mixin SiteOptions siteOptions = new SiteOptions();

    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            defaultValue = "target/demo/crawl.jsonl",
            description = "JSON Lines output; '-' for standard output (default: ${DEFAULT-VALUE}).")
    String out;

    @Mixin CrawlOptions options = new CrawlOptions();

    @Mixin OutputOptions output = new OutputOptions();

    DemoCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        CrawlConfig config;
        try {
            // The demo site is our own: no politeness delay, no cap on requests in flight.
            // robots.txt is still obeyed, to show it (it disallows /private/, names a sitemap).
            config =
                    options.toConfig(
                            CrawlConfig.builder()
                                    .hostDelay(Duration.ZERO)
                                    .hostConcurrency(100_000));
        } catch (ConfigException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Scraping scraping;
        try {
            scraping = Scraping.of(config, out);
        } catch (ConfigException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (siteOptions.pages < 1) {
            console.err().println("error: --pages must be at least 1");
            return ExitCodes.USAGE;
        }
        try (DemoSite site = DemoSite.start(0, siteOptions.pages, siteOptions.delay)) {
            console.err()
                    .printf(
                            java.util.Locale.ROOT,
                            "Serving the demo site (%d pages, %d URLs) at %s; crawling it with %d workers%n",
                            site.pages(),
                            site.distinctUrls(),
                            site.baseUrl(),
                            config.engine().workers());
            List<CrawlSink> sinks;
            try {
                sinks = output.open(out, console, VersionProvider.software());
            } catch (IOException e) {
                console.err().println("error: cannot write output " + out + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Crawler.Builder builder =
                    Crawler.builder().config(config).seeds(site.baseUrl().toString());
            GuardedOutputs guard = new GuardedOutputs();
            sinks.forEach(s -> builder.sink(guard.guard(s)));
            try {
                scraping.apply(builder, console, Optional.empty(), guard);
            } catch (IOException e) {
                guard.finish(ExitCodes.USAGE, console);
                console.err()
                        .println(
                                "error: cannot write items "
                                        + scraping.items()
                                        + ": "
                                        + e.getMessage());
                return ExitCodes.USAGE;
            }
            Crawler crawler = builder.build();
            int code =
                    CrawlSession.run(
                            console,
                            crawler,
                            out.equals("-") ? "standard output" : out,
                            output,
                            guard);
            if (scraping.active() && !output.quiet) {
                console.err().println("  items to   " + scraping.itemsName());
            }
            return code;
        }
    }
}
