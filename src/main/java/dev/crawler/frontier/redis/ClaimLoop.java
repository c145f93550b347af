package dev.crawler.frontier.redis;

import dev.crawler.frontier.Task;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The shared frontier's hand-out: claims a batch of ready URLs from Redis under leases, hands them
 * out one by one, and, when Redis has nothing ready, waits for an event from Redis, a local change
 * ({@link #signal()}), or the next due time it told (at most {@value #MAX_WAIT_MILLIS} ms, a safety
 * net for a missed message). It completes the crawl's idle future when Redis says the crawl is
 * over.
 *
 * <p>Thread-safety: the claimed batch, the wake-up counter and the closed flag are guarded by one
 * {@link ReentrantLock}, never held across a Redis call; waiters wait on its {@link Condition}.
 */
final class ClaimLoop {
    /** Longest wait of the hand-out before it asks Redis again, event or not. */
    static final long MAX_WAIT_MILLIS = 500;

    /** Most URLs claimed in one call; they wait here, leased, for the hand-out. */
    static final int CLAIM_BATCH = 16;

    private final Scripts scripts;
    private final Leases leases;
    private final CompletableFuture<Void> idle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Scripts.Claimed> claimed = new ArrayDeque<>(); // guarded by lock
    private long signals; // guarded by lock: bumped by every event and local change
    private boolean closed; // guarded by lock

    ClaimLoop(Scripts scripts, Leases leases, CompletableFuture<Void> idle) {
        this.scripts = scripts;
        this.leases = leases;
        this.idle = idle;
    }

    /**
     * The next task: a claimed URL turned into one by {@code handOut} (which may hold it back and
     * give none), waiting as long as nothing is ready; empty once closed.
     */
    Optional<Task> take(Function<Scripts.Claimed, Optional<Task>> handOut)
            throws InterruptedException {
        while (true) {
            long seen;
            Scripts.Claimed next;
            lock.lockInterruptibly();
            try {
                if (closed) {
                    return Optional.empty();
                }
                seen = signals;
                next = claimed.pollFirst();
            } finally {
                lock.unlock();
            }
            if (next != null) {
                Optional<Task> task = handOut.apply(next);
                if (task.isPresent()) {
                    return task;
                }
                continue;
            }
            long waitMillis;
            switch (scripts.claim(leases.millis(), CLAIM_BATCH)) {
                case Scripts.ClaimReply.Leased leased -> {
                    keep(leased.claims());
                    continue;
                }
                case Scripts.ClaimReply.Nothing nothing -> {
                    if (nothing.crawlOver()) {
                        idle.complete(null);
                    }
                    waitMillis =
                            nothing.dueMillis() < 0
                                    ? MAX_WAIT_MILLIS
                                    : Math.clamp(
                                            nothing.dueMillis() - nothing.nowMillis(),
                                            1,
                                            MAX_WAIT_MILLIS);
                }
            }
            lock.lockInterruptibly();
            try {
                if (!closed && signals == seen) {
                    changed.await(waitMillis, TimeUnit.MILLISECONDS);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Keeps the URLs of a claim reply, leased, for the hand-out. */
    private void keep(List<Scripts.Claimed> claims) {
        lock.lock();
        try {
            for (Scripts.Claimed c : claims) {
                claimed.addLast(c);
                leases.claimed(c);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Something changed (here, or an event from Redis): waiters look again. */
    void signal() {
        lock.lock();
        try {
            signals++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the hand-out; the claimed URLs not handed out yet. */
    List<Scripts.Claimed> close() {
        lock.lock();
        try {
            closed = true;
            List<Scripts.Claimed> left = List.copyOf(claimed);
            claimed.clear();
            signals++;
            changed.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
