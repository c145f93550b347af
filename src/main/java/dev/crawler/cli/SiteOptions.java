package dev.crawler.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The bundled site's size and speed, for the commands that serve it to themselves. */
final class SiteOptions {
    @Option(
            names = "--pages",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Content pages on the site (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(
            names = "--delay",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            defaultValue = "0ms",
            description = "Server delay per response (default: ${DEFAULT-VALUE}).")
    Duration delay;
}
