package dev.crawler.frontier;

import dev.crawler.request.Outcome;
import dev.crawler.url.Rejection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded frontier's ledger: URLs admitted this run, how each ended, what was refused and why,
 * and the count of work outstanding (URLs not final yet plus running producers) whose reaching zero
 * completes {@link #idle()}. Thread-safe: every count is atomic, nothing is locked.
 */
final class Ledger {
    /** URLs this run is answerable for: admitted in it, or pending when it resumed. */
    private final AtomicLong admitted = new AtomicLong();

    private final LongAdder fetched = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);

    /** Admitted URLs not yet final, plus running producers. */
    private final AtomicLong outstanding = new AtomicLong();

    private final CompletableFuture<Void> idle = new CompletableFuture<>();

    Ledger() {
        for (Rejection r : Rejection.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    /** A resumed crawl answers for the URLs the state holds as pending. */
    void resumed(long pending) {
        admitted.set(pending);
        outstanding.set(pending);
    }

    /** Counts a refusal and says it. */
    Admission reject(Rejection reason, String detail) {
        rejected.get(reason).increment();
        return new Admission.Rejected(reason, detail);
    }

    void admitted(int n) {
        admitted.addAndGet(n);
        outstanding.addAndGet(n);
    }

    /** An admission taken back (the frontier closed in between): as if it had not happened. */
    void takenBack() {
        admitted.decrementAndGet();
        finishOne();
    }

    void completed(Outcome outcome) {
        switch (outcome) {
            case FETCHED -> fetched.increment();
            case FAILED -> failed.increment();
            case SKIPPED -> skipped.increment();
        }
        finishOne();
    }

    void producerStarted() {
        outstanding.incrementAndGet();
    }

    void producerFinished() {
        finishOne();
    }

    CompletableFuture<Void> idle() {
        return idle;
    }

    /** The ledger with the scheduler's figures of the moment. */
    FrontierStats stats(long waiting, int retries, int hosts) {
        Map<Rejection, Long> r = new EnumMap<>(Rejection.class);
        rejected.forEach((k, v) -> r.put(k, v.sum()));
        return new FrontierStats(
                admitted.get(),
                fetched.sum(),
                failed.sum(),
                skipped.sum(),
                waiting,
                retries,
                hosts,
                r);
    }

    private void finishOne() {
        long left = outstanding.decrementAndGet();
        if (left == 0) {
            idle.complete(null);
        } else if (left < 0) {
            throw new IllegalStateException("more completions than admissions: " + left);
        }
    }
}
