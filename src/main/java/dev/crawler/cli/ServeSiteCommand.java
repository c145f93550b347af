package dev.crawler.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crawler serve-site}: serve the demo site on 127.0.0.1 until stopped. */
@Command(
        name = "serve-site",
        mixinStandardHelpOptions = true,
        description =
                "Serve the bundled demo site on 127.0.0.1 until Ctrl-C (for trying and benchmarking).")
final class ServeSiteCommand implements Callable<Integer> {
    private final Console console;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--pages",
            defaultValue = "200",
            description = "Content pages (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(
            names = "--delay",
            converter = DurationConverter.class,
            defaultValue = "0ms",
            description = "Delay per response (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(
            names = "--plain",
            description = "Only index, sections and pages, cached (for benchmarks).")
    boolean plain;

    ServeSiteCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        DemoSite site = DemoSite.start(port, pages, delay, plain);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        Thread.ofPlatform()
                                .unstarted(
                                        () -> {
                                            console.shuttingDown().set(true);
                                            site.close();
                                            stopped.countDown();
                                        }));
        console.out().println(site.baseUrl());
        console.out().flush();
        console.err()
                .printf(
                        java.util.Locale.ROOT,
                        "Serving %d pages at %s; Ctrl-C to stop%n",
                        site.pages(),
                        site.baseUrl());
        stopped.await();
        return ExitCodes.OK;
    }
}
