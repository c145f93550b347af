package dev.crawler.engine;

import dev.crawler.CrawlStats;
import dev.crawler.CrawlSummary;
import dev.crawler.config.CrawlConfig;
import dev.crawler.extract.Extractor;
import dev.crawler.fetch.ByteBudget;
import dev.crawler.fetch.Fetcher;
import dev.crawler.fetch.SessionControl;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.Frontier;
import dev.crawler.parse.PageParser;
import dev.crawler.request.CrawlRequest;
import dev.crawler.seed.Seed;
import dev.crawler.seed.SeedProblem;
import dev.crawler.seed.SeedSource;
import dev.crawler.sink.CrawlSink;
import dev.crawler.sink.ItemSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One crawl from start to end: starts a producer per seed source (into the frontier), one that
 * moves ready tasks from the frontier to the bounded queue, and the fetchers, all on virtual
 * threads; waits for the frontier to go idle (or for a cancel); then stops everything in order and
 * accounts for every URL.
 *
 * <p>Thread-safety: {@link #execute} runs once, on the caller's thread; {@link #cancel()} and
 * {@link #stats()} may be called from any thread at any time.
 */
public final class CrawlRun {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlRun.class);

    /** How long stopped producers get to notice before they are abandoned. */
    private static final Duration PRODUCER_STOP_WAIT = Duration.ofSeconds(2);

    private final CrawlConfig config;
    private final List<SeedSource> sources;
    private final Frontier frontier;
    private final PageParser parser;
    private final Extractor extractor;
    private final ItemSink items;
    private final HandOff queue;
    private final ResultRecorder recorder;
    private final Consumer<SeedProblem> seedProblems;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ByteBudget budget;
    private volatile SessionControl sessions = SessionControl.NONE; // set before fetchers start
    private final CompletableFuture<Void> cancelRequested = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile long startNanos = System.nanoTime();
    private final AtomicInteger liveFetchers = new AtomicInteger();
    private final AtomicInteger peakFetchers = new AtomicInteger();
    private Optional<ScheduledExecutorService> scaler = Optional.empty(); // run's thread only
    private final boolean keepRunning;
    private final AtomicBoolean intakeOpen = new AtomicBoolean();

    /**
     * A run of {@code config} from {@code sources} through {@code frontier}: pages parsed by {@code
     * parser}, extracted by {@code extractor} (items to {@code items}), final records to {@code
     * sink}, bad seed lines to {@code seedProblems}; a run that {@code keepRunning} takes
     * submissions until {@link #stopAccepting()}.
     */
    public CrawlRun(
            CrawlConfig config,
            List<SeedSource> sources,
            Frontier frontier,
            PageParser parser,
            Extractor extractor,
            ItemSink items,
            CrawlSink sink,
            Consumer<SeedProblem> seedProblems,
            boolean keepRunning) {
        this.keepRunning = keepRunning;
        this.config = config;
        this.budget = new ByteBudget(config.engine().memoryBudget());
        this.sources = List.copyOf(sources);
        this.frontier = frontier;
        this.parser = parser;
        this.extractor = extractor;
        this.items = items;
        this.queue = new HandOff(config.engine().queueCapacity());
        this.recorder = new ResultRecorder(sink, frontier, this::cancel);
        this.seedProblems = seedProblems;
    }

    /** Admits a URL into the running crawl as a seed of the given priority. */
    public Admission submit(Seed seed) throws InterruptedException {
        return frontier.admitSeed(seed);
    }

    /**
     * Closes the intake of a crawl that keeps running: it then ends, as a batch crawl does, once
     * everything admitted is final. Does nothing the second time.
     */
    public void stopAccepting() {
        if (intakeOpen.compareAndSet(true, false)) {
            frontier.producerFinished();
        }
    }

    /** Starts one fetcher on its own virtual thread; it ends when it takes a stop signal. */
    private void startFetcher(ExecutorService fetchers, Fetcher fetcher) {
        FetchWorker worker =
                new FetchWorker(
                        config,
                        new Crew(
                                queue,
                                frontier,
                                fetcher,
                                parser,
                                extractor,
                                items,
                                recorder,
                                inFlight,
                                () -> stopping,
                                budget,
                                sessions));
        int now = liveFetchers.incrementAndGet();
        peakFetchers.accumulateAndGet(now, Math::max);
        try {
            fetchers.execute(
                    () -> {
                        try {
                            worker.run();
                        } finally {
                            liveFetchers.decrementAndGet();
                        }
                    });
        } catch (RejectedExecutionException e) {
            liveFetchers.decrementAndGet(); // shutting down
        }
    }

    /** Asks the crawl to stop; returns at once. */
    public void cancel() {
        cancelRequested.complete(null);
    }

    /** Runs the crawl to its end, or until cancelled; {@code control} retires sessions. */
    public CrawlSummary execute(Fetcher fetcher, SessionControl control)
            throws InterruptedException {
        this.sessions = control;
        startNanos = System.nanoTime();
        ExecutorService fetchers =
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual()
                                .name("fetcher-", 1)
                                .uncaughtExceptionHandler(recorder::failed)
                                .factory());
        // a producer that dies (out of memory, a bug) would stall the crawl: it stops it instead
        ExecutorService producers =
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual()
                                .name("producer-", 1)
                                .uncaughtExceptionHandler(recorder::failed)
                                .factory());
        boolean interrupted = false;
        try {
            // Register every producer before any starts, so the crawl cannot look finished early.
            sources.forEach(s -> frontier.producerStarted());
            if (keepRunning) {
                // the intake counts as a producer: the crawl cannot end while it is open
                frontier.producerStarted();
                intakeOpen.set(true);
            }
            for (int i = 0; i < config.engine().workers(); i++) {
                startFetcher(fetchers, fetcher);
            }
            if (config.engine().maxWorkers() > 0) {
                scaler =
                        Optional.of(
                                ScalerLoop.start(
                                        config,
                                        queue,
                                        liveFetchers::get,
                                        inFlight::get,
                                        () -> stopping || cancelRequested.isDone(),
                                        () -> startFetcher(fetchers, fetcher)));
            }
            producers.execute(new TaskMover(frontier, queue, recorder));
            for (SeedSource source : sources) {
                producers.execute(new SeedProducer(source, frontier, recorder, seedProblems));
            }
            try {
                CompletableFuture.anyOf(frontier.idle(), cancelRequested).get();
            } catch (InterruptedException e) {
                interrupted = true;
                cancel();
            } catch (ExecutionException e) {
                throw new IllegalStateException("completion signal failed", e);
            }
            shutDown(fetchers, producers);
        } finally {
            scaler.ifPresent(ScheduledExecutorService::shutdownNow);
            producers.shutdownNow();
            fetchers.shutdownNow();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return summary();
    }

    private void shutDown(ExecutorService fetchers, ExecutorService producers)
            throws InterruptedException {
        boolean cancelled = cancelRequested.isDone();
        stopping = cancelled;
        List<CrawlRequest> held = frontier.closeAndDrain();
        if (cancelled) {
            LOG.info(
                    "Stopping: {} queued and {} held URLs are {}",
                    queue.size(),
                    held.size(),
                    frontier.keepsUnfinished()
                            ? "kept pending in the state"
                            : "recorded as cancelled");
            producers.shutdownNow();
        } else {
            producers.shutdown();
        }
        held.forEach(recorder::cancelled);
        drainQueue();
        if (!producers.awaitTermination(PRODUCER_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("A seed source is still blocked on reading; abandoning it");
        }

        // In-flight fetches may finish within the grace period (or their own deadline when the
        // crawl ended normally); then they are interrupted and recorded as cancelled.
        Duration grace =
                cancelled
                        ? config.engine().shutdownGrace()
                        : config.fetch().fetchTimeout().plus(config.engine().shutdownGrace());
        long deadline = System.nanoTime() + grace.toNanos();
        scaler.ifPresent(ScheduledExecutorService::shutdownNow); // no fetcher starts from now
        for (int i = liveFetchers.get(); i > 0; i--) {
            if (!queue.offer(Work.Stop.INSTANCE, remaining(deadline), TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        fetchers.shutdown();
        if (!fetchers.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
            LOG.info(
                    "Interrupting {} fetches still running after the grace period", inFlight.get());
            fetchers.shutdownNow();
            if (!fetchers.awaitTermination(
                    config.fetch().fetchTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("Fetchers did not stop; their URLs stay outstanding");
            }
        }
        drainQueue(); // a producer's last put may have landed after the first drain
    }

    private void drainQueue() {
        List<Work> left = new ArrayList<>();
        queue.drainTo(left);
        for (Work w : left) {
            if (w instanceof Work.Fetch(CrawlRequest request)) {
                recorder.cancelled(request);
            }
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    /** A live snapshot of the counters; thread-safe. */
    public CrawlStats stats() {
        return recorder.stats(
                queue.size(),
                inFlight.get(),
                Duration.ofNanos(System.nanoTime() - startNanos),
                liveFetchers.get());
    }

    private CrawlSummary summary() {
        return recorder.summary(
                Duration.ofNanos(System.nanoTime() - startNanos),
                cancelRequested.isDone(),
                peakFetchers.get(),
                budget.peak());
    }
}
