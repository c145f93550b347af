package dev.crawler.frontier;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.politeness.HostKey;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The embedded frontier's host scheduling: every waiting URL in its host's queue (Mercator's back
 * queues, StormCrawler's FetchItemQueues), a timer heap of hosts by the time they are next ready,
 * and a second timer heap of retries until due. {@link #take()} hands out work from the first ready
 * host, so a slow or throttled host never holds up the others. With a persistent store, each host's
 * queue holds a window of {@value StoreWindow#WINDOW} URLs, loaded as the host is served.
 *
 * <p>Thread-safety: the host queues, both heaps and the counts are guarded by one {@link
 * ReentrantLock} (not {@code synchronized}, so a waiting virtual thread never pins its carrier),
 * held for queue operations and, with a store, for the short read of a host's next window. {@link
 * #take()} waits on a {@link Condition} until the earliest due time; nothing polls.
 */
final class HostScheduler {
    private final CrawlConfig config;
    private final boolean persistent;
    private final StoreWindow window; // guarded by lock
    private final Consumer<CrawlRequest> dequeued;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final HostTable hosts; // guarded by lock
    private final Timers timers = new Timers(); // guarded by lock
    private int waitingCount; // guarded by lock
    private volatile boolean closed;

    /**
     * A scheduler over {@code store}'s pending URLs; {@code dequeued} hears of each request as it
     * leaves its host's queue (the frontier's seed backlog counts them).
     */
    HostScheduler(
            CrawlConfig config,
            UrlStore store,
            HostTable.Eviction eviction,
            Consumer<CrawlRequest> dequeued) {
        this.config = config;
        this.window = new StoreWindow(store);
        this.dequeued = dequeued;
        this.persistent = store.persistent();
        this.hosts = new HostTable(config, eviction);
    }

    /** Whether the hand-out is closed. */
    boolean closed() {
        return closed;
    }

    /** Schedules the hosts a resumed crawl has pending URLs of, by how many each has on disk. */
    void resume(Map<String, Long> pendingHosts) {
        lock.lock();
        try {
            long now = System.nanoTime();
            pendingHosts.forEach(
                    (key, n) -> {
                        HostQueue host = hosts.of(URI.create(key + "/"), now);
                        window.onDisk(host, n);
                        schedule(host, now);
                    });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues newly admitted requests under their hosts; false, queueing nothing, when the frontier
     * closed in the meantime (a persistent one keeps them pending in its store).
     */
    boolean queue(List<CrawlRequest> fresh) {
        lock.lock();
        try {
            if (closed) {
                return persistent; // pending in the store, for the next run
            }
            queueAll(fresh);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Puts newly admitted requests under their hosts (in memory, or as counted on disk). */
    private void queueAll(List<CrawlRequest> fresh) {
        long now = System.nanoTime();
        for (CrawlRequest request : fresh) {
            HostQueue host = hosts.of(request.url(), now);
            if (host.introducedBy.isEmpty()) {
                host.introducedBy = Optional.of(request);
            }
            if (persistent) {
                window.onDisk(host, 1); // loaded with the host's window, in admission order
            } else {
                host.waiting.addLast(request);
                waitingCount++;
            }
            schedule(host, now);
        }
    }

    /** Holds a request until its retry is due; false once closed. */
    boolean retry(CrawlRequest request, Duration delay) {
        long due = System.nanoTime() + Math.max(0, delay.toNanos());
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            timers.retry(request, due);
            hosts.of(request.url(), System.nanoTime()).retriesWaiting++; // kept till it is back
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next task of the first ready host, waiting until one is due; empty once closed. */
    Optional<Task> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    return Optional.empty();
                }
                long now = System.nanoTime();
                for (Optional<CrawlRequest> r = timers.dueRetry(now);
                        r.isPresent();
                        r = timers.dueRetry(now)) {
                    HostQueue host = hosts.of(r.get().url(), now);
                    host.retriesWaiting = Math.max(0, host.retriesWaiting - 1);
                    host.waiting.addLast(r.get()); // behind its host's fresh URLs, as Heritrix does
                    waitingCount++;
                    schedule(host, now);
                }
                for (Optional<HostQueue> due = timers.dueHost(now);
                        due.isPresent();
                        due = timers.dueHost(now)) {
                    Optional<Task> task = dispatch(due.get(), now);
                    schedule(due.get(), now);
                    if (task.isPresent()) {
                        return task;
                    }
                }
                long wake = timers.wakeIn(now);
                if (wake == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(wake);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next task of a host that is due; empty if it turned out to have none. */
    private Optional<Task> dispatch(HostQueue host, long now) {
        if (host.waiting.isEmpty() && host.onDisk > 0) {
            waitingCount += window.load(host, timers, now);
        }
        if (host.waiting.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> gaveUp = host.robots.gaveUp();
        if (gaveUp.isPresent()) {
            return Optional.of(new Task.Drop(dequeue(host), Outcome.FAILED, gaveUp.get()));
        }
        if (host.robots.fetching()) {
            return Optional.empty();
        }
        if (host.robots.needsFetch(now)) {
            host.started(now);
            return Optional.of(host.robots.start(host.key));
        }
        if (!host.headAllowed()) {
            return Optional.of(
                    new Task.Drop(dequeue(host), Outcome.SKIPPED, "disallowed by robots.txt"));
        }
        if (host.inFlight >= host.maxConcurrency) {
            return Optional.empty();
        }
        host.started(now);
        return Optional.of(new Task.Fetch(dequeue(host)));
    }

    private CrawlRequest dequeue(HostQueue host) {
        CrawlRequest r = host.waiting.pollFirst();
        waitingCount--;
        dequeued.accept(r);
        return r;
    }

    /** (Re)places the host in the ready heap at the time it can next give a task. */
    private void schedule(HostQueue host, long now) {
        long due = host.readyAt(now);
        if (due == HostQueue.UNSCHEDULED) {
            host.scheduledDue = HostQueue.UNSCHEDULED;
            return;
        }
        if (host.scheduledDue == due) {
            return;
        }
        timers.host(host, due);
        changed.signal();
    }

    /** A fetch of the host ended: frees its slot and spaces its next request. */
    void release(CrawlRequest request, HostFeedback feedback) {
        lock.lock();
        try {
            Optional<HostQueue> found = hosts.get(HostKey.of(request.url()));
            if (found.isEmpty()) {
                return;
            }
            HostQueue host = found.get();
            long now = System.nanoTime();
            host.ended(now, host.delay.update(feedback, host.maxConcurrency, now));
            schedule(host, now);
            hosts.evictIdle(now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a host's robots.txt outcome in and reschedules the host; the sitemaps it names, to be
     * offered outside the lock.
     */
    Optional<HostQueue.Sitemaps> robotsResolved(
            String hostKey, RobotsOutcome outcome, HostFeedback feedback) {
        lock.lock();
        try {
            Optional<HostQueue> found = hosts.get(hostKey);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            long now = System.nanoTime();
            Optional<HostQueue.Sitemaps> sitemaps =
                    found.get().robotsResolved(outcome, feedback, config, now);
            schedule(found.get(), now);
            return sitemaps;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the hand-out and gives back every request held in memory. */
    List<CrawlRequest> closeAndDrain() {
        lock.lock();
        try {
            closed = true;
            List<CrawlRequest> held = new ArrayList<>();
            for (HostQueue host : hosts.all()) {
                held.addAll(host.waiting.drain());
            }
            held.addAll(timers.clear());
            waitingCount = 0;
            window.clear(); // kept in the store for the next run
            changed.signalAll();
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting (in memory or on disk), retries waiting, and hosts held. */
    record Counts(long waiting, int retries, int hosts) {}

    Counts counts() {
        lock.lock();
        try {
            return new Counts(waitingCount + window.onDisk(), timers.retries(), hosts.size());
        } finally {
            lock.unlock();
        }
    }
}
