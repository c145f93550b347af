package dev.crawler.frontier;

import dev.crawler.url.Rejection;
import dev.crawler.url.UrlNormalizer;
import dev.crawler.url.UrlScope;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-process frontier: a concurrent seen-set, a FIFO of ready links (breadth first) and a timer
 * queue of pending retries, all in memory.
 *
 * <p>Thread-safety: the seen-set and counters are concurrent; the ready and retry queues are
 * guarded by one {@link ReentrantLock} (not {@code synchronized}, so a waiting virtual thread never
 * pins its carrier), held only for queue operations, never across I/O. {@link #take()} waits on a
 * {@link Condition} with the due time of the earliest retry; nothing polls.
 */
public final class MemoryFrontier implements Frontier {
    private final UrlNormalizer normalizer;
    private final UrlScope scope;
    private final long maxPages;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong admitted = new AtomicLong();
    private final LongAdder fetched = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);

    /** Admitted URLs not yet final, plus running producers. */
    private final AtomicLong outstanding = new AtomicLong();

    private final CompletableFuture<Void> idle = new CompletableFuture<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<CrawlRequest> ready = new ArrayDeque<>(); // guarded by lock
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(); // guarded by lock
    private long sequence; // guarded by lock; keeps retries due at the same time in FIFO order
    private volatile boolean closed;

    /**
     * Creates an empty frontier.
     *
     * @param maxPages most URLs admitted; 0 means no limit
     */
    public MemoryFrontier(UrlNormalizer normalizer, UrlScope scope, long maxPages) {
        this.normalizer = normalizer;
        this.scope = scope;
        this.maxPages = maxPages == 0 ? Long.MAX_VALUE : maxPages;
        for (Rejection r : Rejection.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    private record Pending(CrawlRequest request, long dueNanos, long seq)
            implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(dueNanos - o.dueNanos, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    public Admission admitSeed(String rawUrl) {
        return switch (normalizer.normalize(rawUrl)) {
            case UrlNormalizer.Invalid invalid -> reject(invalid.reason(), invalid.detail());
            case UrlNormalizer.Valid valid -> {
                scope.addSeed(valid.url());
                yield admit(CrawlRequest.seed(valid.url()));
            }
        };
    }

    @Override
    public Admission offer(String rawUrl, CrawlRequest parent) {
        Admission admission =
                switch (normalizer.normalize(rawUrl)) {
                    case UrlNormalizer.Invalid invalid ->
                            reject(invalid.reason(), invalid.detail());
                    case UrlNormalizer.Valid valid -> {
                        URI url = valid.url();
                        Optional<Rejection> outOfScope = scope.check(url, parent.depth() + 1);
                        yield outOfScope.isPresent()
                                ? reject(outOfScope.get(), url.toString())
                                : admit(parent.child(url));
                    }
                };
        if (admission instanceof Admission.Admitted a) {
            lock.lock();
            try {
                if (closed) {
                    // Admitted a moment before the close: take the admission back, so the
                    // ledger never holds a URL that nobody will complete.
                    admitted.decrementAndGet();
                    finishOne();
                    return reject(Rejection.CLOSED, a.request().url().toString());
                }
                ready.addLast(a.request());
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
        return admission;
    }

    private Admission admit(CrawlRequest request) {
        if (closed) {
            return reject(Rejection.CLOSED, request.url().toString());
        }
        if (!seen.add(request.url().toString())) {
            return reject(Rejection.DUPLICATE, request.url().toString());
        }
        long before = admitted.getAndUpdate(n -> n < maxPages ? n + 1 : n);
        if (before >= maxPages) {
            return reject(Rejection.OVER_BUDGET, request.url().toString());
        }
        outstanding.incrementAndGet();
        return new Admission.Admitted(request);
    }

    private Admission reject(Rejection reason, String detail) {
        rejected.get(reason).increment();
        return new Admission.Rejected(reason, detail);
    }

    @Override
    public boolean retry(CrawlRequest request, Duration delay) {
        long due = System.nanoTime() + Math.max(0, delay.toNanos());
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            pending.add(new Pending(request, due, sequence++));
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<CrawlRequest> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    return Optional.empty();
                }
                long now = System.nanoTime();
                while (!pending.isEmpty() && pending.peek().dueNanos() - now <= 0) {
                    ready.addLast(pending.poll().request());
                }
                CrawlRequest next = ready.pollFirst();
                if (next != null) {
                    return Optional.of(next);
                }
                if (pending.isEmpty()) {
                    changed.await();
                } else {
                    changed.awaitNanos(pending.peek().dueNanos() - now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void complete(CrawlRequest request, Outcome outcome) {
        switch (outcome) {
            case FETCHED -> fetched.increment();
            case FAILED -> failed.increment();
            case SKIPPED -> skipped.increment();
        }
        finishOne();
    }

    @Override
    public void producerStarted() {
        outstanding.incrementAndGet();
    }

    @Override
    public void producerFinished() {
        finishOne();
    }

    private void finishOne() {
        long left = outstanding.decrementAndGet();
        if (left == 0) {
            idle.complete(null);
        } else if (left < 0) {
            throw new IllegalStateException("more completions than admissions: " + left);
        }
    }

    @Override
    public CompletableFuture<Void> idle() {
        return idle;
    }

    @Override
    public List<CrawlRequest> closeAndDrain() {
        lock.lock();
        try {
            closed = true;
            List<CrawlRequest> held = new ArrayList<>(ready);
            ready.clear();
            while (!pending.isEmpty()) {
                held.add(pending.poll().request());
            }
            changed.signalAll();
            return held;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public FrontierStats stats() {
        int readyNow;
        int pendingNow;
        lock.lock();
        try {
            readyNow = ready.size();
            pendingNow = pending.size();
        } finally {
            lock.unlock();
        }
        Map<Rejection, Long> r = new EnumMap<>(Rejection.class);
        rejected.forEach((k, v) -> r.put(k, v.sum()));
        return new FrontierStats(
                admitted.get(),
                fetched.sum(),
                failed.sum(),
                skipped.sum(),
                readyNow,
                pendingNow,
                r);
    }
}
