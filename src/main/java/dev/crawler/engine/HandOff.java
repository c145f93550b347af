package dev.crawler.engine;

import java.util.Collection;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the task mover and the fetchers, ordered by priority: a robots.txt
 * fetch first (its host's URLs wait for it), then fetches by request priority, first come first
 * within a priority, and the stop signals last. A full queue makes {@link #put} wait
 * (backpressure); an empty one makes {@link #take} wait. The JDK has bounded FIFO queues and an
 * unbounded priority queue, not both at once.
 *
 * <p>Thread-safety: one {@link ReentrantLock} with two conditions, as in {@code
 * ArrayBlockingQueue}; no {@code synchronized}, so a waiting virtual thread never pins its carrier.
 */
final class HandOff {
    private record Entry(Work work, int rank, long seq) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Integer.compare(o.rank, rank);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final int capacity;
    private final PriorityQueue<Entry> items = new PriorityQueue<>(); // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long sequence; // guarded by lock

    HandOff(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
        this.capacity = capacity;
    }

    private static int rank(Work work) {
        return switch (work) {
            case Work.Robots r -> Integer.MAX_VALUE;
            case Work.Fetch f -> f.request().priority();
            case Work.Stop s -> Integer.MIN_VALUE;
        };
    }

    /** Adds {@code work}, waiting while the queue is full. */
    void put(Work work) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.size() >= capacity) {
                notFull.await();
            }
            add(work);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code work}, waiting at most {@code timeout} for room; false if there was none. */
    boolean offer(Work work, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.size() >= capacity) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            add(work);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code work} if there is room now; false if the queue is full. */
    boolean offerNow(Work work) {
        lock.lock();
        try {
            if (items.size() >= capacity) {
                return false;
            }
            add(work);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void add(Work work) {
        items.add(new Entry(work, rank(work), sequence++));
        notEmpty.signal();
    }

    /** Removes the first item, waiting while there is none. */
    Work take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                notEmpty.await();
            }
            Work w = items.poll().work();
            notFull.signal();
            return w;
        } finally {
            lock.unlock();
        }
    }

    /** Moves every item into {@code to}, in order. */
    void drainTo(Collection<Work> to) {
        lock.lock();
        try {
            while (!items.isEmpty()) {
                to.add(items.poll().work());
            }
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }
}
