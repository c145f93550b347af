package dev.crawler;

import dev.crawler.config.CrawlConfig;
import dev.crawler.extract.Extractor;
import dev.crawler.fetch.Fetcher;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.CrawlRequest;
import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.FrontierUnavailableException;
import dev.crawler.frontier.Task;
import dev.crawler.parse.PageParser;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.seed.Seed;
import dev.crawler.seed.SeedLine;
import dev.crawler.seed.SeedProblem;
import dev.crawler.seed.SeedSource;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import dev.crawler.sink.ItemSink;
import dev.crawler.url.Rejection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Thread-safety: {@link #execute()} runs once, on the caller's thread; {@link #cancel()} and
 * {@link #stats()} may be called from any thread at any time.
 */
final class CrawlRun {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlRun.class);

    /** How long stopped producers get to notice before they are abandoned. */
    private static final Duration PRODUCER_STOP_WAIT = Duration.ofSeconds(2);

    /** How often the fetcher count is reconsidered, when it may scale. */
    private static final Duration SCALE_EVERY = Duration.ofMillis(250);

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
    private final CompletableFuture<Void> cancelRequested = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile long startNanos = System.nanoTime();
    private final AtomicInteger liveFetchers = new AtomicInteger();
    private final AtomicInteger peakFetchers = new AtomicInteger();
    private Optional<ScheduledExecutorService> scaler = Optional.empty(); // run's thread only
    private final boolean keepRunning;
    private final AtomicBoolean intakeOpen = new AtomicBoolean();

    CrawlRun(
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
        this.sources = List.copyOf(sources);
        this.frontier = frontier;
        this.parser = parser;
        this.extractor = extractor;
        this.items = items;
        this.queue = new HandOff(config.queueCapacity());
        this.recorder = new ResultRecorder(sink, frontier, this::cancel);
        this.seedProblems = seedProblems;
    }

    /** Admits a URL into the running crawl as a seed of the given priority. */
    Admission submit(Seed seed) throws InterruptedException {
        return frontier.admitSeed(seed);
    }

    /**
     * Closes the intake of a crawl that keeps running: it then ends, as a batch crawl does, once
     * everything admitted is final. Does nothing the second time.
     */
    void stopAccepting() {
        if (intakeOpen.compareAndSet(true, false)) {
            frontier.producerFinished();
        }
    }

    /** Starts one fetcher on its own virtual thread; it ends when it takes a stop signal. */
    private void startFetcher(ExecutorService fetchers, Fetcher fetcher) {
        FetchWorker worker =
                new FetchWorker(
                        config,
                        queue,
                        frontier,
                        fetcher,
                        parser,
                        extractor,
                        items,
                        recorder,
                        inFlight,
                        () -> stopping);
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

    /**
     * Every quarter second, asks {@link FetcherScaler} how many fetchers the crawl should have, and
     * starts more or sends stop signals to some. One platform thread; shut down with the run.
     */
    private ScheduledExecutorService startScaler(ExecutorService fetchers, Fetcher fetcher) {
        FetcherScaler rule = new FetcherScaler(config.workers(), config.maxWorkers());
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("fetcher-scaler").factory());
        CpuMeter cpu = new CpuMeter();
        timer.scheduleWithFixedDelay(
                () -> {
                    if (stopping || cancelRequested.isDone()) {
                        return;
                    }
                    int live = liveFetchers.get();
                    int target =
                            rule.decide(
                                    new FetcherScaler.Sample(
                                            live,
                                            inFlight.get(),
                                            queue.size(),
                                            config.queueCapacity(),
                                            cpu.sample()));
                    for (int i = live; i < target; i++) {
                        startFetcher(fetchers, fetcher);
                    }
                    for (int i = target; i < live; i++) {
                        queue.offerNow(Work.Stop.INSTANCE); // the queue is empty when it shrinks
                    }
                    if (target != live) {
                        LOG.debug("Fetchers: {} -> {}", live, target);
                    }
                },
                SCALE_EVERY.toMillis(),
                SCALE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer;
    }

    /** Asks the crawl to stop; returns at once. */
    void cancel() {
        cancelRequested.complete(null);
    }

    /** Runs the crawl to its end, or until cancelled, fetching with {@code fetcher}. */
    CrawlSummary execute(Fetcher fetcher) throws InterruptedException {
        startNanos = System.nanoTime();
        ExecutorService fetchers =
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("fetcher-", 1).factory());
        ExecutorService producers =
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("producer-", 1).factory());
        boolean interrupted = false;
        try {
            // Register every producer before any starts, so the crawl cannot look finished early.
            sources.forEach(s -> frontier.producerStarted());
            if (keepRunning) {
                // the intake counts as a producer: the crawl cannot end while it is open
                frontier.producerStarted();
                intakeOpen.set(true);
            }
            for (int i = 0; i < config.workers(); i++) {
                startFetcher(fetchers, fetcher);
            }
            if (config.maxWorkers() > 0) {
                scaler = Optional.of(startScaler(fetchers, fetcher));
            }
            producers.execute(this::moveTasks);
            for (SeedSource source : sources) {
                producers.execute(() -> produce(source));
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

    /**
     * Producer: one seed source into the frontier, which queues each seed under its host; waits
     * while the frontier's seed backlog is full.
     */
    private void produce(SeedSource source) {
        try {
            source.forEach(
                    line -> {
                        switch (line.parse()) {
                            case SeedLine.BadFields bad -> {
                                recorder.seedError();
                                seedProblems.accept(
                                        new SeedProblem(
                                                line.location(), line.text(), bad.detail()));
                            }
                            case SeedLine.Valid valid -> {
                                if (frontier.admitSeed(valid.seed())
                                        instanceof Admission.Rejected rejected) {
                                    reportSeed(line.location(), line.text(), rejected);
                                }
                            }
                        }
                    });
        } catch (InterruptedException e) {
            LOG.debug("Seed source {} stopped", source.name());
        } catch (FrontierUnavailableException e) {
            recorder.fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            recorder.seedError();
            seedProblems.accept(
                    new SeedProblem(source.name(), "", "cannot read seeds: " + e.getMessage()));
        } finally {
            frontier.producerFinished();
        }
    }

    private void reportSeed(String location, String text, Admission.Rejected rejected) {
        switch (rejected.reason()) {
            case MALFORMED, UNSUPPORTED_SCHEME -> {
                recorder.seedError();
                seedProblems.accept(new SeedProblem(location, text, rejected.detail()));
            }
            case DUPLICATE -> LOG.debug("{}: duplicate seed {}", location, text);
            default ->
                    LOG.debug(
                            "{}: seed {} not admitted: {}",
                            location,
                            text,
                            rejected.reason().label());
        }
    }

    /**
     * Producer: tasks from the frontier into the bounded queue, as their hosts become ready. URLs
     * the frontier drops without a fetch (disallowed by robots.txt) are recorded here.
     */
    private void moveTasks() {
        try {
            while (true) {
                Optional<Task> next = frontier.take();
                if (next.isEmpty()) {
                    return; // closed
                }
                switch (next.get()) {
                    case Task.Fetch fetch -> put(fetch.request());
                    case Task.FetchRobots robots ->
                            queue.put(new Work.Robots(robots.hostKey(), robots.robotsUrl()));
                    case Task.Drop drop -> recorder.finish(dropped(drop));
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("Task mover stopped");
        } catch (FrontierUnavailableException e) {
            recorder.fail(e.getMessage());
        }
    }

    private static CrawlResult dropped(Task.Drop drop) {
        return switch (drop.outcome()) {
            case FAILED -> new CrawlResult.Failed(drop.request(), Optional.empty(), drop.reason());
            case SKIPPED, FETCHED ->
                    new CrawlResult.Skipped(drop.request(), Optional.empty(), drop.reason());
        };
    }

    /** Puts a request on the queue; if interrupted first, records it as cancelled. */
    private void put(CrawlRequest request) throws InterruptedException {
        try {
            queue.put(new Work.Fetch(request));
        } catch (InterruptedException e) {
            frontier.release(request, new HostFeedback.NotSent());
            recorder.cancelled(request);
            throw e;
        }
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
                        ? config.shutdownGrace()
                        : config.fetchTimeout().plus(config.shutdownGrace());
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
                    config.fetchTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
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

    CrawlStats stats() {
        FrontierStats f = frontier.stats();
        return new CrawlStats(
                f.admitted(),
                f.fetched(),
                f.failed(),
                f.skipped(),
                queue.size(),
                f.ready(),
                f.retriesPending(),
                inFlight.get(),
                recorder.retries(),
                recorder.bytes(),
                Duration.ofNanos(System.nanoTime() - startNanos),
                liveFetchers.get());
    }

    private CrawlSummary summary() {
        FrontierStats f = frontier.stats();
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (Rejection r : Rejection.values()) {
            long n = f.rejected(r);
            if (n > 0) {
                rejected.put(r.label(), n);
            }
        }
        return new CrawlSummary(
                f.admitted(),
                f.fetched(),
                f.failed(),
                f.skipped(),
                frontier.keepsUnfinished() ? f.outstanding() : 0,
                rejected,
                recorder.seedErrors(),
                recorder.retries(),
                recorder.bytes(),
                recorder.statuses(),
                Duration.ofNanos(System.nanoTime() - startNanos),
                cancelRequested.isDone(),
                recorder.fatal(),
                recorder.latency(),
                recorder.topFailingHosts(5),
                peakFetchers.get(),
                recorder.items(),
                recorder.handlerErrors());
    }
}
