package dev.crawler.engine;

import dev.crawler.config.CrawlConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every quarter second, asks {@link FetcherScaler} how many fetchers the crawl should have, and
 * starts more or sends stop signals to some. One platform thread, owned by the run, which shuts it
 * down with itself.
 */
final class ScalerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ScalerLoop.class);

    /** How often the fetcher count is reconsidered. */
    private static final Duration EVERY = Duration.ofMillis(250);

    private ScalerLoop() {}

    /**
     * Starts the loop.
     *
     * @param live fetchers running now
     * @param inFlight fetches under way now
     * @param over whether the run is stopping (the loop then does nothing)
     * @param startOne starts one more fetcher
     */
    static ScheduledExecutorService start(
            CrawlConfig config,
            HandOff queue,
            IntSupplier live,
            IntSupplier inFlight,
            BooleanSupplier over,
            Runnable startOne) {
        FetcherScaler rule =
                new FetcherScaler(config.engine().workers(), config.engine().maxWorkers());
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("fetcher-scaler").factory());
        CpuMeter cpu = new CpuMeter();
        timer.scheduleWithFixedDelay(
                () -> {
                    if (over.getAsBoolean()) {
                        return;
                    }
                    int now = live.getAsInt();
                    int target =
                            rule.decide(
                                    new FetcherScaler.Sample(
                                            now,
                                            inFlight.getAsInt(),
                                            queue.size(),
                                            config.engine().queueCapacity(),
                                            cpu.sample()));
                    for (int i = now; i < target; i++) {
                        startOne.run();
                    }
                    for (int i = target; i < now; i++) {
                        queue.offerNow(Work.Stop.INSTANCE); // the queue is empty when it shrinks
                    }
                    if (target != now) {
                        LOG.debug("Fetchers: {} -> {}", now, target);
                    }
                },
                EVERY.toMillis(),
                EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer;
    }
}
