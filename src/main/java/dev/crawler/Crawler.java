package dev.crawler;

import static java.util.Objects.requireNonNull;

import dev.crawler.config.CrawlConfig;
import dev.crawler.engine.CrawlRun;
import dev.crawler.engine.LoginStep;
import dev.crawler.extract.Extractor;
import dev.crawler.extract.PageHandler;
import dev.crawler.extract.Router;
import dev.crawler.fetch.AddressGuard;
import dev.crawler.fetch.Fetcher;
import dev.crawler.fetch.HopGuard;
import dev.crawler.fetch.HttpFetcher;
import dev.crawler.fetch.RateLimitedFetcher;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.LocalFrontier;
import dev.crawler.frontier.SharedFrontier;
import dev.crawler.metrics.CrawlMetrics;
import dev.crawler.parse.JsoupPageParser;
import dev.crawler.seed.Seed;
import dev.crawler.seed.SeedProblem;
import dev.crawler.seed.SeedSource;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import dev.crawler.sink.Item;
import dev.crawler.sink.ItemSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Crawler.class);

    /**
     * How long a fetcher waits for a rate-limit permit. The limiter is global, so a fetcher has
     * nothing better to do than wait; the bound only guards against a stuck limiter.
     */
    private static final Duration PERMIT_TIMEOUT = Duration.ofHours(1);

    private final CrawlConfig config;
    private final CrawlRun run;
    private final List<CrawlSink> sinks;
    private final List<ItemSink> itemSinks;
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
        this.sinks = List.copyOf(b.sinks);
        this.itemSinks = List.copyOf(b.itemSinks);
        this.fetcherDecorator = b.fetcherDecorator;
        Frontier frontier;
        if (config.sharedFrontier()) {
            if (b.state != null) {
                throw new IllegalStateException(
                        "a crawl state and a shared frontier exclude each other: the shared"
                                + " frontier keeps its state in Redis");
            }
            SharedFrontier redis = SharedFrontier.connect(config);
            this.shared = Optional.of(redis);
            frontier = redis;
        } else {
            this.shared = Optional.empty();
            frontier =
                    b.state == null
                            ? new LocalFrontier(config)
                            : new LocalFrontier(config, b.state);
        }
        this.frontier = frontier;
        try {
            this.cookies =
                    CrawlCookies.open(
                            config,
                            // no reference to CrawlState unless there is one: it loads RocksDB
                            b.state == null ? Optional.empty() : Optional.of(b.state.dir()),
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
                        this::deliverItem,
                        this::deliver,
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
                new HttpFetcher(config, hopGuard(), cookies.jar(), cookies.keeper())) {
            Fetcher fetcher =
                    fetcherDecorator.apply(config.rateLimited() ? rateLimited(http) : http);
            if (config.requests().login().isPresent()) {
                // before any page: what the login sets goes with every request of the crawl
                Optional<String> failed =
                        LoginStep.run(
                                config.requests().login().get(),
                                fetcher,
                                config.fetch().maxBodySize(),
                                config.fetch().maxRedirects());
                if (failed.isPresent()) {
                    throw new CrawlFailedException(
                            CrawlSummary.notStarted("login failed: " + failed.get()));
                }
            }
            CrawlSummary summary = run.execute(fetcher, http);
            if (summary.error().isPresent()) {
                throw new CrawlFailedException(summary);
            }
            return summary;
        } finally {
            try {
                cookies.keep();
                shared.ifPresent(SharedFrontier::close);
                closeSinks();
            } finally {
                finished.countDown();
            }
        }
    }

    /** The SSRF guard on every redirect hop a fetch follows itself (robots.txt), but the seeds'. */
    private HopGuard hopGuard() {
        if (!config.scope().ssrfGuard()) {
            return HopGuard.NONE;
        }
        AddressGuard guard = new AddressGuard();
        return next ->
                frontier.isSeedOrigin(next)
                        ? Optional.empty()
                        : guard.check(next) instanceof AddressGuard.Blocked blocked
                                ? Optional.of(blocked.reason())
                                : Optional.empty();
    }

    /** The global rate limit: this process's, or, with a shared frontier, the crawl's. */
    private Fetcher rateLimited(Fetcher http) {
        return shared.map(
                        redis ->
                                new RateLimitedFetcher(
                                        http,
                                        redis.sharedRateLimit(
                                                config.engine().maxRequestsPerSecond())))
                .orElseGet(
                        () ->
                                new RateLimitedFetcher(
                                        http,
                                        config.engine().maxRequestsPerSecond(),
                                        PERMIT_TIMEOUT));
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
        if (frontier.isSeedHostName(hostName)) {
            return true;
        }
        return config.shared()
                .map(s -> java.net.URI.create(s.url()).getHost())
                .filter(hostName::equalsIgnoreCase)
                .isPresent();
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
            closeSinks();
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

    private void deliver(CrawlResult result) {
        for (CrawlSink sink : sinks) {
            sink.accept(result);
        }
    }

    private void deliverItem(Item item) {
        for (ItemSink sink : itemSinks) {
            sink.accept(item);
        }
    }

    private void closeSinks() {
        RuntimeException first = null;
        List<AutoCloseable> all = new ArrayList<>(itemSinks);
        all.addAll(sinks);
        for (AutoCloseable sink : all) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            } catch (Exception e) {
                throw new IllegalStateException("a sink's close() threw a checked exception", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Assembles a {@link Crawler}; not thread-safe. */
    public static final class Builder {
        private CrawlConfig config = CrawlConfig.defaults();
        private final List<SeedSource> sources = new ArrayList<>();
        private final List<CrawlSink> sinks = new ArrayList<>();
        private final List<ItemSink> itemSinks = new ArrayList<>();
        private final Router.Builder routes = Router.builder();
        private Optional<Router> router = Optional.empty();
        private boolean routed;
        private Optional<MeterRegistry> registry = Optional.empty();
        private UnaryOperator<Fetcher> fetcherDecorator = UnaryOperator.identity();
        private CrawlState state;
        private boolean keepRunning;
        private Consumer<SeedProblem> seedProblems =
                p -> LoggerFactory.getLogger(Crawler.class).warn("{}", p.describe());

        private Builder() {}

        /**
         * Where seed lines that are not valid URLs are reported (with their file and line); by
         * default they are logged as warnings. The crawl goes on without them either way.
         */
        public Builder onSeedProblem(Consumer<SeedProblem> handler) {
            seedProblems = requireNonNull(handler, "handler");
            return this;
        }

        /** The configuration; the defaults when not called. */
        public Builder config(CrawlConfig value) {
            config = requireNonNull(value, "config");
            return this;
        }

        /** Seed URLs given directly. */
        public Builder seeds(String... urls) {
            return seeds(List.of(urls));
        }

        /** Seed URLs given directly. */
        public Builder seeds(Collection<String> urls) {
            return seedSource(SeedSource.of("seeds", List.copyOf(urls)));
        }

        /** Seeds with labels, priorities and user data. */
        public Builder seeds(Seed... seeds) {
            return seedSource(SeedSource.ofSeeds("seeds", List.of(seeds)));
        }

        /**
         * Pages whose request carries {@code label} (given by a seed or by the handler that
         * followed the link) go to {@code handler}.
         */
        public Builder route(String label, PageHandler handler) {
            routes.route(label, handler);
            routed = true;
            return this;
        }

        /** Pages whose URL matches {@code pattern}, and whose label has no route, go here. */
        public Builder route(Pattern pattern, PageHandler handler) {
            routes.route(pattern, handler);
            routed = true;
            return this;
        }

        /**
         * The handler of pages no route takes; for instance {@link dev.crawler.extract.Rules}. A
         * page without a handler is crawled without extraction.
         */
        public Builder handler(PageHandler handler) {
            routes.defaultHandler(handler);
            routed = true;
            return this;
        }

        /**
         * Publishes the crawl's metrics (counters, fetch latency by host, gauges of the live state;
         * see {@link CrawlMetrics}) into {@code registry}. Needs Micrometer on the class path.
         */
        public Builder metrics(MeterRegistry registry) {
            this.registry = Optional.of(requireNonNull(registry, "registry"));
            return this;
        }

        /** A router built elsewhere, instead of {@link #route} and {@link #handler}. */
        public Builder router(Router value) {
            router = Optional.of(requireNonNull(value, "router"));
            return this;
        }

        /**
         * A sink for the items handlers emit. May be called more than once; every sink gets every
         * item, and is closed when the crawl ends.
         */
        public Builder items(ItemSink sink) {
            itemSinks.add(requireNonNull(sink, "sink"));
            return this;
        }

        private Router router() {
            if (router.isPresent() && routed) {
                throw new IllegalStateException("give either router(...) or routes and a handler");
            }
            return router.orElseGet(routes::build);
        }

        /** Another seed source (a file, a stream); each runs in its own producer. */
        public Builder seedSource(SeedSource source) {
            sources.add(requireNonNull(source, "source"));
            return this;
        }

        /**
         * A sink for the final record of every URL. May be called more than once; every sink gets
         * every record, and is closed when the crawl ends.
         */
        public Builder sink(CrawlSink sink) {
            sinks.add(requireNonNull(sink, "sink"));
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
            state = requireNonNull(value, "state");
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
