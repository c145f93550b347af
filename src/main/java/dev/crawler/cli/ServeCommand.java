package dev.crawler.cli;

import dev.crawler.CrawlFailedException;
import dev.crawler.CrawlSummary;
import dev.crawler.Crawler;
import dev.crawler.config.ConfigException;
import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.GuardedResolver;
import dev.crawler.frontier.CrawlState;
import dev.crawler.service.CrawlService;
import dev.crawler.service.ServiceOptions;
import dev.crawler.sink.CrawlSink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crawler serve}: a crawler that keeps running and takes URLs over HTTP. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a crawler as a service: POST /crawl {\"urls\": [...], \"priority\": N, \"tag\":"
                    + " \"...\"} answers 202 with an id; GET /crawl/{id}, GET /stats, GET /health;"
                    + " POST /shutdown with --allow-shutdown. SIGTERM or Ctrl-C stops it"
                    + " gracefully."
        })
final class ServeCommand implements Callable<Integer> {
    private final Console console;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8081",
            description = "Port of the API; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description =
                    "Address of the API (default: ${DEFAULT-VALUE}); any other needs a token.")
    String bind;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description =
                    "Require 'Authorization: Bearer TOKEN' on every request but GET /health, the"
                            + " token read from FILE (or the CRAWLER_TOKEN environment variable).")
    Optional<Path> tokenFile = Optional.empty();

    @Option(
            names = "--allow-internal",
            description =
                    "Let submitted URLs be on internal addresses (loopback, private, link-local);"
                            + " off by default.")
    boolean allowInternal;

    @Option(names = "--allow-shutdown", description = "Accept POST /shutdown.")
    boolean allowShutdown;

    @Option(
            names = "--drain-timeout",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            defaultValue = "30s",
            description =
                    "On stop, how long queued work may finish before the rest is cancelled"
                            + " (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            defaultValue = "crawl.jsonl",
            description =
                    "JSON Lines output; '-' writes to standard output (default: ${DEFAULT-VALUE}).")
    String out;

    @Mixin CrawlOptions options = new CrawlOptions();

    @Mixin OutputOptions output = new OutputOptions();

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "Keep the crawl in DIR: a restart resumes what was pending, and a stop keeps"
                            + " what it cancels pending there.")
    Optional<Path> stateDir = Optional.empty();

    ServeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        CrawlConfig config;
        InetSocketAddress address;
        try {
            config = options.toConfig();
            address = new InetSocketAddress(InetAddress.getByName(bind), port);
        } catch (ConfigException | UnknownHostException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Optional<CrawlState> state = Optional.empty();
        if (stateDir.isPresent()) {
            try {
                state = Optional.of(CrawlState.open(stateDir.get()));
            } catch (IOException e) {
                console.err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        try {
            return serve(config, address, state);
        } finally {
            closeState(state); // on early errors; a second close does nothing
        }
    }

    private void closeState(Optional<CrawlState> state) {
        if (state.isPresent()) {
            try {
                state.get().close();
            } catch (IOException e) {
                console.err().println("error: cannot save the crawl state: " + e.getMessage());
            }
        }
    }

    /** The token of {@code --token-file}, else of {@code CRAWLER_TOKEN}, if any. */
    private Optional<String> token() throws IOException {
        if (tokenFile.isPresent()) {
            String t = java.nio.file.Files.readString(tokenFile.get()).strip();
            if (t.isEmpty()) throw new IOException(tokenFile.get() + " is empty");
            return Optional.of(t);
        }
        String env = System.getenv("CRAWLER_TOKEN");
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip());
    }

    private int serve(CrawlConfig config, InetSocketAddress address, Optional<CrawlState> state)
            throws InterruptedException {
        List<CrawlSink> sinks;
        try {
            sinks =
                    output.open(
                            out, console, VersionProvider.software(), state.map(s -> s::isFinal));
        } catch (IOException e) {
            console.err().println("error: cannot write output " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Crawler.Builder crawl = Crawler.builder().config(config);
        state.ifPresent(crawl::state);
        sinks.forEach(crawl::sink);
        ServiceOptions serviceOptions;
        try {
            serviceOptions =
                    ServiceOptions.loopback(0)
                            .withShutdown(allowShutdown)
                            .withDrainTimeout(drainTimeout)
                            .withAllowInternal(allowInternal);
            Optional<String> token = token();
            if (token.isPresent()) {
                serviceOptions = serviceOptions.withToken(token.get());
            }
            serviceOptions = serviceOptions.withAddress(address); // checked with the token
        } catch (IllegalArgumentException | IOException e) {
            sinks.forEach(CrawlSink::close);
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CrawlService service;
        try {
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                    new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            crawl.metrics(registry);
            service = CrawlService.start(crawl, serviceOptions, Optional.of(registry::scrape));
        } catch (IOException e) {
            sinks.forEach(CrawlSink::close);
            console.err().println("error: cannot listen on " + address + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CountDownLatch reported = new CountDownLatch(1);
        long hookWaitMillis =
                drainTimeout
                        .plus(config.engine().shutdownGrace())
                        .plus(config.fetch().fetchTimeout())
                        .toMillis();
        Thread hook =
                Thread.ofPlatform()
                        .name("service-signal")
                        .unstarted(
                                () -> {
                                    console.shuttingDown().set(true);
                                    console.err().println("Stopping: draining the queue...");
                                    service.close();
                                    try {
                                        // the JVM ends when this hook does: let main report first
                                        reported.await(hookWaitMillis, TimeUnit.MILLISECONDS);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                });
        Runtime.getRuntime().addShutdownHook(hook);
        console.err()
                .println(
                        "Crawl service on http://"
                                + service.address().getHostString()
                                + ":"
                                + service.address().getPort()
                                + "/ (POST /crawl, GET /crawl/{id}, /stats, /health)");
        if (config.scope().ssrfGuard() && !allowInternal) {
            // submitted URLs were checked when submitted; the resolver keeps them from being
            // rebound to an internal address when fetched (only the crawl's Redis is exempt)
            GuardedResolver.install(
                    h ->
                            config.shared()
                                    .map(s -> java.net.URI.create(s.url()).getHost())
                                    .filter(h::equalsIgnoreCase)
                                    .isPresent());
        }
        CrawlSummary summary;
        try {
            summary = service.awaitStop();
        } catch (CrawlFailedException e) {
            summary = e.summary();
        } finally {
            GuardedResolver.uninstall();
        }
        closeState(state); // before the summary: after it, a signal's shutdown may end the JVM
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // stopping because of a signal: the hook is running
        }
        SummaryPrinter.print(summary, out.equals("-") ? "standard output" : out, console.err());
        console.err().flush();
        reported.countDown();
        if (summary.error().isPresent()) {
            return summary.outOfMemory() ? ExitCodes.OUT_OF_MEMORY : ExitCodes.CRAWL_ERROR;
        }
        return ExitCodes.OK;
    }
}
