package dev.crawler.service;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import dev.crawler.CrawlFailedException;
import dev.crawler.CrawlSummary;
import dev.crawler.Crawler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crawler that keeps running and takes work over HTTP: {@code POST /crawl} with a JSON body of
 * URLs (and an optional priority, tag, depth limit and extraction rules) answers {@code 202
 * Accepted} with an id at once; {@code GET /crawl/{id}} reports each submitted URL's state; {@code
 * GET /crawl/{id}/items} streams the items its rules extracted (JSON Lines); {@code GET /stats} the
 * live counters; {@code GET /health}; and, when allowed, {@code POST /shutdown}. Served by the
 * JDK's HTTP server on virtual threads, on the loopback interface unless told otherwise.
 *
 * <pre>{@code
 * try (CrawlService service = CrawlService.start(
 *         Crawler.builder().config(config).sink(mySink), ServiceOptions.loopback(8081))) {
 *     ...
 *     CrawlSummary summary = service.shutdown(); // drain, then cancel what is left
 * }
 * }</pre>
 *
 * <p>Graceful stop ({@link #shutdown()}, {@code POST /shutdown}, or the CLI's SIGTERM): stop
 * accepting, let what is queued finish within the drain timeout, then cancel what remains (recorded
 * as cancelled, or kept pending in a state folder), and stop the HTTP server.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class CrawlService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlService.class);

    private final Crawler crawler;
    private final CompletableFuture<CrawlSummary> run;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ServiceOptions options;
    private final SubmissionItems items;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<CrawlSummary> stopped = new CompletableFuture<>();

    private CrawlService(
            Crawler crawler,
            CompletableFuture<CrawlSummary> run,
            HttpServer server,
            ExecutorService handlers,
            ServiceOptions options,
            SubmissionItems items) {
        this.items = items;
        this.crawler = crawler;
        this.run = run;
        this.server = server;
        this.handlers = handlers;
        this.options = options;
    }

    /**
     * Builds the crawler from {@code crawl} (adding the service's own sink), starts it and the HTTP
     * API.
     *
     * @throws IOException when the address cannot be bound
     */
    public static CrawlService start(Crawler.Builder crawl, ServiceOptions options)
            throws IOException {
        return start(crawl, options, Optional.empty());
    }

    /**
     * As {@link #start(Crawler.Builder, ServiceOptions)}, with {@code GET /metrics} answering what
     * {@code metrics} gives (the Prometheus text of the registry passed to {@code
     * Crawler.Builder.metrics}).
     */
    public static CrawlService start(
            Crawler.Builder crawl, ServiceOptions options, Optional<Supplier<String>> metrics)
            throws IOException {
        requireNonNull(crawl, "crawl");
        requireNonNull(metrics, "metrics");
        requireNonNull(options, "options");
        SubmissionItems items = SubmissionItems.inTemporaryFolder();
        SubmissionTracker tracker =
                new SubmissionTracker(options.maxTrackedSubmissions(), items::forget);
        Crawler crawler;
        try {
            crawler = crawl.sink(tracker).handler(items).items(items).keepRunning().build();
        } catch (RuntimeException e) {
            items.close();
            throw e;
        }
        ExecutorService handlers =
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("service-", 1).factory());
        HttpServer server;
        try {
            server = HttpServer.create(options.address(), 128);
        } catch (IOException e) {
            handlers.close();
            crawler.close();
            items.close();
            throw e;
        }
        CompletableFuture<CrawlSummary> run = crawler.start();
        CrawlService service = new CrawlService(crawler, run, server, handlers, options, items);
        server.setExecutor(handlers);
        server.createContext(
                "/",
                new ServiceApi(crawler, tracker, items, options, service::shutdownAsync, metrics));
        server.start();
        LOG.info("Crawl service listening on {}", service.address());
        return service;
    }

    /** Where the API listens (with the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The crawler behind the service. */
    public Crawler crawler() {
        return crawler;
    }

    /** Starts the graceful stop on another thread; returns at once. */
    void shutdownAsync() {
        Thread.ofVirtual().name("service-shutdown").start(this::shutdownQuietly);
    }

    private void shutdownQuietly() {
        try {
            shutdown();
        } catch (RuntimeException e) {
            LOG.error("Stopping the crawl service failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops gracefully: no new work, what is queued gets the drain timeout to finish, then the rest
     * is cancelled; then the HTTP API stops. Safe to call more than once (later calls wait for the
     * first).
     *
     * @return the crawl's summary
     */
    public CrawlSummary shutdown() throws InterruptedException {
        if (!stopping.compareAndSet(false, true)) {
            return await(stopped);
        }
        CompletableFuture<CrawlSummary> outcome = new CompletableFuture<>();
        try {
            crawler.stopAccepting();
            try {
                run.get(options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.info(
                        "Drain timeout ({}) reached; cancelling what is left",
                        options.drainTimeout());
                crawler.cancel();
            } catch (ExecutionException e) {
                // reported by await below
            }
            CrawlSummary summary = await(run);
            outcome.complete(summary);
            return summary;
        } catch (RuntimeException | InterruptedException e) {
            outcome.completeExceptionally(e);
            throw e;
        } finally {
            try {
                server.stop(0);
                handlers.shutdownNow();
                crawler.close();
                items.close();
            } finally {
                // only now: whoever awaits the stop finds the API closed and everything released
                outcome.whenComplete(
                        (summary, failure) -> {
                            if (failure != null) stopped.completeExceptionally(failure);
                            else stopped.complete(summary);
                        });
            }
        }
    }

    /** Waits for the service to stop (by {@code POST /shutdown} or {@link #shutdown()}). */
    public CrawlSummary awaitStop() throws InterruptedException {
        return await(stopped);
    }

    private static CrawlSummary await(CompletableFuture<CrawlSummary> f)
            throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CrawlFailedException failed) {
                throw failed;
            }
            throw new IllegalStateException("the crawl failed", e.getCause());
        }
    }

    /** Stops the service (gracefully, as {@link #shutdown()}). */
    @Override
    public void close() {
        try {
            shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
