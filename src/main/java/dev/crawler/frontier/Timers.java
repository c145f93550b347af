package dev.crawler.frontier;

import dev.crawler.request.CrawlRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The host scheduler's two timer heaps: hosts by the time they can next give a task, and retries by
 * the time they are due; equal times keep their order of arrival. A host's entry is stale once the
 * host has been rescheduled ({@link HostQueue#scheduledDue} differs) and is skipped.
 *
 * <p>Not thread-safe: guarded by the {@link HostScheduler}'s lock.
 */
final class Timers {
    private record Timed<T>(T item, long dueNanos, long seq) implements Comparable<Timed<T>> {
        @Override
        public int compareTo(Timed<T> o) {
            int c = Long.compare(dueNanos - o.dueNanos, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Timed<HostQueue>> hosts = new PriorityQueue<>();
    private final PriorityQueue<Timed<CrawlRequest>> retries = new PriorityQueue<>();
    private long sequence;

    /** The host can give its next task at {@code dueNanos}. */
    void host(HostQueue host, long dueNanos) {
        host.scheduledDue = dueNanos;
        hosts.add(new Timed<>(host, dueNanos, sequence++));
    }

    /** The next host whose time has come, taken off its timer; empty when none is due. */
    Optional<HostQueue> dueHost(long now) {
        while (!hosts.isEmpty() && hosts.peek().dueNanos() - now <= 0) {
            Timed<HostQueue> entry = hosts.poll();
            HostQueue host = entry.item();
            if (host.scheduledDue == entry.dueNanos()) {
                host.scheduledDue = HostQueue.UNSCHEDULED;
                return Optional.of(host);
            }
            // stale: the host was rescheduled since
        }
        return Optional.empty();
    }

    void retry(CrawlRequest request, long dueNanos) {
        retries.add(new Timed<>(request, dueNanos, sequence++));
    }

    /** The next retry that is due; empty when none is. */
    Optional<CrawlRequest> dueRetry(long now) {
        return !retries.isEmpty() && retries.peek().dueNanos() - now <= 0
                ? Optional.of(retries.poll().item())
                : Optional.empty();
    }

    /** Nanoseconds until the earliest timer, {@link Long#MAX_VALUE} when there is none. */
    long wakeIn(long now) {
        long wake = Long.MAX_VALUE;
        if (!hosts.isEmpty()) wake = hosts.peek().dueNanos() - now;
        if (!retries.isEmpty()) wake = Math.min(wake, retries.peek().dueNanos() - now);
        return wake;
    }

    int retries() {
        return retries.size();
    }

    /** Empties both heaps; the retries that waited. */
    List<CrawlRequest> clear() {
        List<CrawlRequest> held = new ArrayList<>(retries.size());
        while (!retries.isEmpty()) {
            held.add(retries.poll().item());
        }
        hosts.clear();
        return held;
    }
}
