package dev.crawler.frontier;

import java.util.List;

/**
 * With a persistent store, the window of each host's pending URLs held in memory: at most {@value
 * #WINDOW} at a time, loaded from the store as the host is served, the rest counted as on disk.
 *
 * <p>Not thread-safe: guarded by the {@link HostScheduler}'s lock.
 */
final class StoreWindow {
    /** Most requests of one host loaded from a persistent store at a time. */
    static final int WINDOW = 32;

    private final UrlStore store;
    private long onDisk; // a hint (see HostQueue.onDisk)

    StoreWindow(UrlStore store) {
        this.store = store;
    }

    /** {@code n} more of the host's pending URLs are on disk. */
    void onDisk(HostQueue host, long n) {
        host.onDisk += n;
        onDisk += n;
    }

    /** Pending URLs on disk only, over all hosts. */
    long onDisk() {
        return onDisk;
    }

    /** The store keeps them for the next run; the window forgets them. */
    void clear() {
        onDisk = 0;
    }

    /**
     * Loads the next window of a host's pending URLs into its queue (under the lock: a short
     * in-process database read); URLs whose retry is not due yet go to the retry timers.
     *
     * @return how many were queued
     */
    int load(HostQueue host, Timers timers, long now) {
        List<UrlStore.StoredRequest> rows = store.pending(host.key, host.loadedUpTo, WINDOW);
        long nowMillis = System.currentTimeMillis();
        int queued = 0;
        for (UrlStore.StoredRequest row : rows) {
            host.loadedUpTo = Math.max(host.loadedUpTo, row.id());
            long waitMillis = row.notBeforeEpochMillis() - nowMillis;
            if (waitMillis > 0) {
                timers.retry(row.request(), now + waitMillis * 1_000_000L);
            } else {
                host.waiting.addLast(row.request());
                queued++;
            }
        }
        // Fewer than asked: nothing more is on disk (admissions after the read count anew).
        long left = rows.size() < WINDOW ? 0 : Math.max(1, host.onDisk - rows.size());
        onDisk -= host.onDisk - left;
        host.onDisk = left;
        return queued;
    }
}
