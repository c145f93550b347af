package dev.crawler.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The latency ideal of a crawl: how long {@code slots} fetchers would take over a site whose every
 * answer takes {@code delay} and no CPU, each page's links fetchable the moment it completes,
 * breadth-first. No crawler can beat it on that site; a crawl's span as a share of it says how much
 * time went to anything but waiting for the server. Stateless.
 */
final class LatencyIdeal {
    private LatencyIdeal() {}

    private record Done(long atNanos, long seq, String path) {}

    /**
     * The ideal span of a crawl of {@code graph} from {@code start}.
     *
     * @param graph each page's path and the paths it links to
     */
    public static Duration span(
            Map<String, List<String>> graph, String start, int slots, Duration delay) {
        if (slots < 1) throw new IllegalArgumentException("slots < 1: " + slots);
        PriorityQueue<Done> running =
                new PriorityQueue<>(
                        (a, b) ->
                                a.atNanos() != b.atNanos()
                                        ? Long.compare(a.atNanos(), b.atNanos())
                                        : Long.compare(a.seq(), b.seq()));
        Deque<String> waiting = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        waiting.add(start);
        seen.add(start);
        long now = 0;
        long seq = 0;
        while (true) {
            while (running.size() < slots && !waiting.isEmpty()) {
                running.add(new Done(now + delay.toNanos(), seq++, waiting.poll()));
            }
            Done next = running.poll();
            if (next == null) {
                return Duration.ofNanos(now);
            }
            now = next.atNanos();
            for (String link : graph.getOrDefault(next.path(), List.of())) {
                if (seen.add(link)) {
                    waiting.add(link);
                }
            }
        }
    }
}
