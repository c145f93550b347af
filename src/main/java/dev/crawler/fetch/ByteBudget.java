package dev.crawler.fetch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes of bodies and parsed documents held at once across all fetchers: the crawl's memory bound
 * for what a hostile site can make it hold (a page of 13 MB parses into a document ten times that
 * size). Each work item opens a {@link Lease} and grows it before it holds more: a body as its
 * chunks arrive (the download pauses, so TCP holds the rest back, until there is room), a page
 * before jsoup parses it. A lease that does not fit waits for others to close.
 *
 * <p>The oldest open lease is never kept waiting, so the crawl always progresses (no lease can wait
 * on one that waits on it); the budget can so be exceeded by one lease at most, itself bounded by
 * {@code max-body-size} and the document it parses into.
 *
 * <p>Thread-safety: every field is guarded by {@link #lock}, never held while a grant's callback
 * runs (callbacks resume downloads) or while anything blocks.
 */
public final class ByteBudget {
    private final long limit;
    private final ReentrantLock lock = new ReentrantLock();

    /** Open leases in the order they opened: the first is the oldest. */
    private final LinkedHashSet<Lease> open = new LinkedHashSet<>();

    /** Grants not yet given, oldest lease first. */
    private final List<Waiter> waiters = new ArrayList<>();

    private long used;
    private long peak;
    private long sequence;

    /** A budget of {@code limit} bytes. */
    public ByteBudget(long limit) {
        if (limit < 1) throw new IllegalArgumentException("limit < 1: " + limit);
        this.limit = limit;
    }

    /** The budget's size in bytes. */
    public long limit() {
        return limit;
    }

    /** Bytes held now. */
    public long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes held at once so far. */
    public long peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    /** A new lease holding nothing, younger than every open one. */
    public Lease open() {
        lock.lock();
        try {
            Lease lease = new Lease(sequence++);
            open.add(lease);
            return lease;
        } finally {
            lock.unlock();
        }
    }

    private record Waiter(Lease lease, long bytes, Runnable granted) {}

    /** Under the lock: whether {@code bytes} more may go to {@code lease} now. */
    private boolean fits(Lease lease, long bytes) {
        return used + bytes <= limit || open.iterator().next() == lease;
    }

    /** Under the lock. */
    private void take(Lease lease, long bytes) {
        used += bytes;
        lease.held += bytes;
        peak = Math.max(peak, used);
    }

    /** Under the lock: the waiters that now fit, taken, for their callbacks to run unlocked. */
    private List<Runnable> grantWaiting() {
        List<Runnable> granted = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (fits(w.lease, w.bytes)) {
                take(w.lease, w.bytes);
                it.remove();
                granted.add(w.granted);
            }
        }
        return granted;
    }

    /**
     * One work item's share of the budget: grown as it holds more, given back whole when closed.
     * Confined to its work item (a download's callbacks and the fetcher that waits for it run one
     * after the other).
     */
    public final class Lease implements AutoCloseable {
        private final long age;
        private long held; // guarded by the budget's lock
        private boolean closed; // guarded by the budget's lock

        private Lease(long age) {
            this.age = age;
        }

        /** Bytes this lease holds. */
        public long held() {
            lock.lock();
            try {
                return held;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Takes {@code bytes} more, then runs {@code granted}: at once, on this thread, when they
         * fit; else later, on the thread that made room. Never run once the lease is closed.
         */
        public void reserveThen(long bytes, Runnable granted) {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                if (!fits(this, bytes)) {
                    int at = 0;
                    while (at < waiters.size() && waiters.get(at).lease.age < age) at++;
                    waiters.add(at, new Waiter(this, bytes, granted));
                    return;
                }
                take(this, bytes);
            } finally {
                lock.unlock();
            }
            granted.run();
        }

        /**
         * Grows the lease to hold {@code total} bytes, waiting until they fit.
         *
         * @throws InterruptedException when interrupted while waiting (the lease is unchanged)
         */
        public void growTo(long total) throws InterruptedException {
            long more;
            lock.lock();
            try {
                more = total - held;
            } finally {
                lock.unlock();
            }
            if (more <= 0) {
                return;
            }
            CountDownLatch latch = new CountDownLatch(1);
            reserveThen(more, latch::countDown);
            try {
                latch.await();
            } catch (InterruptedException e) {
                cancelWaiting();
                throw e;
            }
        }

        private void cancelWaiting() {
            lock.lock();
            try {
                waiters.removeIf(w -> w.lease == this);
            } finally {
                lock.unlock();
            }
        }

        /** Gives back everything held and drops any grant still waiting. */
        @Override
        public void close() {
            List<Runnable> granted;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                used -= held;
                held = 0;
                open.remove(this);
                waiters.removeIf(w -> w.lease == this);
                granted = grantWaiting();
            } finally {
                lock.unlock();
            }
            granted.forEach(Runnable::run);
        }
    }
}
