package dev.crawler;

import static java.util.Objects.requireNonNull;

import dev.crawler.extract.PageHandler;
import dev.crawler.extract.Router;
import dev.crawler.metrics.CrawlMetrics;
import dev.crawler.seed.Seed;
import dev.crawler.seed.SeedProblem;
import dev.crawler.seed.SeedSource;
import dev.crawler.sink.CrawlSink;
import dev.crawler.sink.ItemSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * What a {@link Crawler.Builder} collects about pages and results: the routes and handlers pages go
 * to, the sinks of records and items, and the metrics registry. Not thread-safe.
 */
abstract sealed class CrawlerParts permits Crawler.Builder {
    final List<SeedSource> sources = new ArrayList<>();
    Consumer<SeedProblem> seedProblems =
            p -> LoggerFactory.getLogger(Crawler.class).warn("{}", p.describe());
    final List<CrawlSink> sinks = new ArrayList<>();
    final List<ItemSink> itemSinks = new ArrayList<>();
    private final Router.Builder routes = Router.builder();
    private Optional<Router> router = Optional.empty();
    private boolean routed;
    Optional<MeterRegistry> registry = Optional.empty();

    /**
     * Where seed lines that are not valid URLs are reported (with their file and line); by default
     * they are logged as warnings. The crawl goes on without them either way.
     */
    public Crawler.Builder onSeedProblem(Consumer<SeedProblem> handler) {
        seedProblems = requireNonNull(handler, "handler");
        return (Crawler.Builder) this;
    }

    /** Seed URLs given directly. */
    public Crawler.Builder seeds(String... urls) {
        return seeds(List.of(urls));
    }

    /** Seed URLs given directly. */
    public Crawler.Builder seeds(Collection<String> urls) {
        return seedSource(SeedSource.of("seeds", List.copyOf(urls)));
    }

    /** Seeds with labels, priorities and user data. */
    public Crawler.Builder seeds(Seed... seeds) {
        return seedSource(SeedSource.ofSeeds("seeds", List.of(seeds)));
    }

    /** Another seed source (a file, a stream); each runs in its own producer. */
    public Crawler.Builder seedSource(SeedSource source) {
        sources.add(requireNonNull(source, "source"));
        return (Crawler.Builder) this;
    }

    /**
     * Pages whose request carries {@code label} (given by a seed or by the handler that followed
     * the link) go to {@code handler}.
     */
    public Crawler.Builder route(String label, PageHandler handler) {
        routes.route(label, handler);
        routed = true;
        return (Crawler.Builder) this;
    }

    /** Pages whose URL matches {@code pattern}, and whose label has no route, go here. */
    public Crawler.Builder route(Pattern pattern, PageHandler handler) {
        routes.route(pattern, handler);
        routed = true;
        return (Crawler.Builder) this;
    }

    /**
     * The handler of pages no route takes; for instance {@link dev.crawler.extract.Rules}. A page
     * without a handler is crawled without extraction.
     */
    public Crawler.Builder handler(PageHandler handler) {
        routes.defaultHandler(handler);
        routed = true;
        return (Crawler.Builder) this;
    }

    /**
     * Publishes the crawl's metrics (counters, fetch latency by host, gauges of the live state; see
     * {@link CrawlMetrics}) into {@code registry}. Needs Micrometer on the class path.
     */
    public Crawler.Builder metrics(MeterRegistry registry) {
        this.registry = Optional.of(requireNonNull(registry, "registry"));
        return (Crawler.Builder) this;
    }

    /** A router built elsewhere, instead of {@link #route} and {@link #handler}. */
    public Crawler.Builder router(Router value) {
        router = Optional.of(requireNonNull(value, "router"));
        return (Crawler.Builder) this;
    }

    /**
     * A sink for the items handlers emit. May be called more than once; every sink gets every item,
     * and is closed when the crawl ends.
     */
    public Crawler.Builder items(ItemSink sink) {
        itemSinks.add(requireNonNull(sink, "sink"));
        return (Crawler.Builder) this;
    }

    /** The router the routes and handler make, or the one given. */
    Router router() {
        if (router.isPresent() && routed) {
            throw new IllegalStateException("give either router(...) or routes and a handler");
        }
        return router.orElseGet(routes::build);
    }

    /**
     * A sink for the final record of every URL. May be called more than once; every sink gets every
     * record, and is closed when the crawl ends.
     */
    public Crawler.Builder sink(CrawlSink sink) {
        sinks.add(requireNonNull(sink, "sink"));
        return (Crawler.Builder) this;
    }
}
