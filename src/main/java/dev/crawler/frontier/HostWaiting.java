package dev.crawler.frontier;

import dev.crawler.request.CrawlRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One host's waiting URLs, in the order they are handed out: highest priority first, then lowest
 * depth, then first come. So that low priorities are never starved, every {@value #AGING_EVERY}th
 * URL handed out is instead the one that has waited longest, whatever its priority: a URL with
 * {@code k} URLs ahead of it by age leaves within {@code AGING_EVERY * (k + 1)} hand-outs.
 *
 * <p>Not thread-safe: owned by its {@link HostQueue}, under the frontier's lock.
 */
final class HostWaiting {
    static final int AGING_EVERY = 8;

    private static final class Item {
        final CrawlRequest request;
        final long seq;
        boolean taken;

        Item(CrawlRequest request, long seq) {
            this.request = request;
            this.seq = seq;
        }
    }

    // written out rather than chained: every admission and hand-out runs them log(n) times
    private static final Comparator<Item> BY_RANK =
            (a, b) -> {
                int c = Integer.compare(b.request.priority(), a.request.priority());
                if (c == 0) c = Integer.compare(a.request.depth(), b.request.depth());
                return c != 0 ? c : Long.compare(a.seq, b.seq);
            };
    private static final Comparator<Item> BY_AGE = (a, b) -> Long.compare(a.seq, b.seq);

    // Both heaps hold every waiting item; one taken through either is skipped lazily by the other.
    private final PriorityQueue<Item> byRank = new PriorityQueue<>(BY_RANK);
    private final PriorityQueue<Item> byAge = new PriorityQueue<>(BY_AGE);
    private long nextSeq;
    private long handedOut;
    private int size;

    /** A new URL: behind those of its priority and depth that came before. */
    void addLast(CrawlRequest request) {
        add(new Item(request, nextSeq++));
    }

    private void add(Item item) {
        byRank.add(item);
        byAge.add(item);
        size++;
    }

    /** The URL {@link #pollFirst} would hand out, or null when empty. */
    CrawlRequest peekFirst() {
        Item head = head();
        return head == null ? null : head.request;
    }

    /** Hands out the next URL, or null when empty. */
    CrawlRequest pollFirst() {
        Item head = head();
        if (head == null) {
            return null;
        }
        head.taken = true;
        size--;
        handedOut++;
        return head.request;
    }

    private Item head() {
        PriorityQueue<Item> q = handedOut % AGING_EVERY == AGING_EVERY - 1 ? byAge : byRank;
        while (!q.isEmpty() && q.peek().taken) {
            q.poll();
        }
        return q.peek();
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Removes and returns every waiting URL. */
    List<CrawlRequest> drain() {
        List<CrawlRequest> out = new ArrayList<>(size);
        for (Item i : byAge) {
            if (!i.taken) out.add(i.request);
        }
        byRank.clear();
        byAge.clear();
        size = 0;
        return out;
    }
}
