package dev.crawler.cli;

import java.net.URI;
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

    @Option(
            names = "--dir",
            paramLabel = "FOLDER",
            description =
                    "Serve the files of FOLDER instead of the demo site (a static site, a"
                            + " documentation tree).")
    java.nio.file.Path dir;

    ServeSiteCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if (dir != null) {
            FolderSite folder;
            try {
                folder = FolderSite.start(port, dir);
            } catch (IllegalArgumentException e) {
                console.err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            return serveUntilStopped(folder::close, folder.baseUrl(), dir.toString());
        }
        DemoSite site = DemoSite.start(port, pages, delay, plain);
        return serveUntilStopped(site::close, site.baseUrl(), site.pages() + " pages");
    }

    /** Prints {@code baseUrl}, then waits for Ctrl-C, which closes the site. */
    private int serveUntilStopped(Runnable close, URI baseUrl, String what)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        Thread.ofPlatform()
                                .unstarted(
                                        () -> {
                                            console.shuttingDown().set(true);
                                            close.run();
                                            stopped.countDown();
                                        }));
        console.out().println(baseUrl);
        console.out().flush();
        console.err()
                .printf(java.util.Locale.ROOT, "Serving %s at %s; Ctrl-C to stop%n", what, baseUrl);
        stopped.await();
        return ExitCodes.OK;
    }
}
