package dev.crawler;

import static java.util.Objects.requireNonNull;

import dev.crawler.config.CrawlConfig;
import dev.crawler.engine.CrawlRun;
import dev.crawler.extract.Extractor;
import dev.crawler.fetch.Fetcher;
import dev.crawler.fetch.HttpFetcher;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.SharedFrontier;
import dev.crawler.metrics.CrawlMetrics;
import dev.crawler.parse.JsoupPageParser;
import dev.crawler.seed.Seed;
import dev.crawler.sink.CrawlResult;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * A web crawler: give it seeds, a configuration and somewhere to put results, and run it.
 *
 * <pre>{@code
 * CrawlConfig config = CrawlConfig.builder().workers(16).maxDepth(2).build();
 * List<String> titles = Collections.synchronizedList(new ArrayList<>());
 * try (Crawler crawler = Crawler.builder()
 *         .config(config)
 *         .seeds("https://example.com/")
 *         .sink(result -> {
 *             switch (result) {
 *                 case CrawlResult.Fetched f -> titles.add(f.page().title());
 *                 case CrawlResult.Failed f -> log.warn("{}: {}", f.request().url(), f.error());
 *                 case CrawlResult.Skipped s -> {}
 *                 case CrawlResult.Unchanged u -> {} // 304 on a recrawl
 *             }
 *         })
 *         .build()) {
 *     CrawlSummary summary = crawler.run();
 * }
 * }</pre>
 *
 * <p>Each URL admitted ends in exactly one {@link CrawlResult}, delivered to every sink from the
 * fetcher threads (sinks must be thread-safe). A crawler runs once. Thread-safety: {@link #run()}
 * or {@link #start()} is called once; {@link #stats()}, {@link #cancel()} and {@link #close()} may
 * be called from any thread.
 */
public final class Crawler implements AutoCloseable {
    private final CrawlConfig config;
    private final CrawlRun run;
    private final Outputs outputs;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final UnaryOperator<Fetcher> fetcherDecorator;
    private final Optional<SharedFrontier> shared;
    private final Frontier frontier;
    private final CrawlCookies cookies;

    private Crawler(Builder b) {
        this.config = b.config;
        Optional<CrawlMetrics> metrics = b.registry.map(CrawlMetrics::new);
        metrics.ifPresent(b.sinks::add);
        this.outputs = new Outputs(b.sinks, b.itemSinks);
        this.fetcherDecorator = b.fetcherDecorator;
        this.shared = CrawlWiring.shared(config, b.state);
        this.frontier = CrawlWiring.frontier(config, shared, b.state);
        try {
            this.cookies =
                    CrawlCookies.open(
                            config,
                            // no reference to CrawlState unless there is one: it loads RocksDB
                            b.state.isEmpty() ? Optional.empty() : Optional.of(b.state.get().dir()),
                            shared);
        } catch (RuntimeException e) {
            shared.ifPresent(SharedFrontier::close); // a crawler not built holds no connection
            throw e;
        }
        metrics.ifPresent(m -> m.bind(this::stats));
        this.run =
                new CrawlRun(
                        config,
                        b.sources,
                        frontier,
                        new JsoupPageParser(config.scope().maxLinksPerPage()),
                        new Extractor(b.router()),
                        outputs::deliver,
                        outputs::deliver,
                        b.seedProblems,
                        b.keepRunning);
    }

    /** A builder with the default configuration, no seeds and no sink. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration this crawler runs with. */
    public CrawlConfig config() {
        return config;
    }

    /**
     * Runs the crawl on the calling thread until every admitted URL is final, or until {@link
     * #cancel()}. Closes the sinks and the HTTP client before it returns, on every path.
     *
     * @throws CrawlFailedException when the crawl stopped because it could not go on (its output or
     *     frontier failed); the exception carries the summary
     * @throws IllegalStateException when the crawler already ran
     * @throws InterruptedException when the calling thread is interrupted; the crawl is then
     *     cancelled and wound down first
     */
    public CrawlSummary run() throws InterruptedException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a Crawler runs once; build another");
        }
        // The HTTP client exists only while the crawl runs, so no path can leave it open.
        try (HttpFetcher http =
                new HttpFetcher(
                        config,
                        CrawlWiring.hopGuard(config, frontier),
                        cookies.jar(),
                        cookies.keeper())) {
            Fetcher fetcher = fetcherDecorator.apply(CrawlWiring.rateLimited(config, http, shared));
            CrawlWiring.login(config, fetcher);
            CrawlSummary summary = run.execute(fetcher, http);
            if (summary.error().isPresent()) {
                throw new CrawlFailedException(summary);
            }
            return summary;
        } finally {
            try {
                cookies.keep();
                shared.ifPresent(SharedFrontier::close);
                outputs.close();
            } finally {
                finished.countDown();
            }
        }
    }

    /** Runs the crawl on a new thread; the future completes with the summary. */
    public CompletableFuture<CrawlSummary> start() {
        CompletableFuture<CrawlSummary> result = new CompletableFuture<>();
        Thread.ofPlatform()
                .name("crawler")
                .start(
                        () -> {
                            try {
                                result.complete(run());
                            } catch (Throwable t) {
                                result.completeExceptionally(t);
                            }
                        });
        return result;
    }

    /**
     * Adds a URL to the running crawl, like a seed (its host joins the scope), with a priority
     * (higher is fetched sooner; seeds and links have 0). Waits while the frontier holds its
     * maximum of undispatched seeds.
     *
     * @return whether it was admitted, and if not, why (a duplicate, out of budget, the crawl is
     *     over, ...)
     */
    public Admission submit(String url, int priority) throws InterruptedException {
        return run.submit(Seed.of(url).priority(priority));
    }

    /**
     * Adds a seed to the running crawl, with its priority, depth limit, label, user data and group
     * (every request reached from it keeps the group: a service submission's id).
     */
    public Admission submit(Seed seed) throws InterruptedException {
        return run.submit(requireNonNull(seed, "seed"));
    }

    /**
     * As {@link #submit(String, int)}, following links at most {@code depthLimit} hops from this
     * URL (within the crawl's own {@code max-depth}).
     */
    public Admission submit(String url, int priority, int depthLimit) throws InterruptedException {
        if (depthLimit < 0) throw new IllegalArgumentException("depthLimit < 0: " + depthLimit);
        return run.submit(Seed.of(url).priority(priority).depthLimit(depthLimit));
    }

    /**
     * Closes the intake of a crawl built with {@link Builder#keepRunning()}: it ends once
     * everything admitted is final. Returns at once.
     */
    public void stopAccepting() {
        run.stopAccepting();
    }

    /**
     * Whether the SSRF guard lets {@code hostName} resolve to an internal address: it is a seed's
     * host, or the shared frontier's Redis. For {@link dev.crawler.fetch.GuardedResolver#install}:
     * {@code GuardedResolver.install(crawler::exemptsHost)}.
     */
    public boolean exemptsHost(String hostName) {
        return frontier.isSeedHostName(hostName) || CrawlWiring.isRedisHost(config, hostName);
    }

    /** A live snapshot of the counters. */
    public CrawlStats stats() {
        return run.stats();
    }

    /**
     * Asks a running crawl to stop: producers stop, queued URLs are recorded as cancelled, and
     * fetches under way get the configured grace period. Returns at once.
     */
    public void cancel() {
        run.cancel();
    }

    /**
     * Cancels the crawl if it is running and waits for it to wind down (at most the grace period
     * plus the fetch timeout). A crawler that never ran closes its sinks.
     */
    @Override
    public void close() {
        if (started.compareAndSet(false, true)) {
            shared.ifPresent(SharedFrontier::close);
            outputs.close();
            finished.countDown();
            return;
        }
        cancel();
        long waitMillis =
                config.engine()
                        .shutdownGrace()
                        .plus(config.fetch().fetchTimeout())
                        .plusSeconds(5)
                        .toMillis();
        try {
            finished.await(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Assembles a {@link Crawler}; not thread-safe. What pages go to (routes, handlers, sinks,
     * metrics) is set by the methods it inherits.
     */
    public static final class Builder extends CrawlerParts {
        private CrawlConfig config = CrawlConfig.defaults();
        private UnaryOperator<Fetcher> fetcherDecorator = UnaryOperator.identity();
        private Optional<CrawlState> state = Optional.empty();
        private boolean keepRunning;

        private Builder() {}

        /** The configuration; the defaults when not called. */
        public Builder config(CrawlConfig value) {
            config = requireNonNull(value, "config");
            return this;
        }

        /**
         * Keeps the crawl in {@code state} (see {@link CrawlState#open}): the run resumes what the
         * state holds as pending, never fetches again a URL the state holds as final, and, when
         * stopped early, leaves what it did not finish pending there instead of recording it as
         * cancelled. The caller closes the state after the run. Without it, the crawl lives in
         * memory.
         */
        public Builder state(CrawlState value) {
            state = Optional.of(value);
            return this;
        }

        /**
         * Keeps the crawl running when it runs out of work, taking URLs through {@link
         * Crawler#submit} (a crawl service), until {@link Crawler#stopAccepting()}: then it ends
         * once everything admitted is final, or at {@link Crawler#cancel()}.
         */
        public Builder keepRunning() {
            keepRunning = true;
            return this;
        }

        /** Wraps the HTTP fetcher; for tests that must see every request before it is sent. */
        Builder fetcherDecorator(UnaryOperator<Fetcher> decorator) {
            fetcherDecorator = requireNonNull(decorator, "decorator");
            return this;
        }

        /** Builds the crawler. */
        public Crawler build() {
            return new Crawler(this);
        }
    }
}
