package dev.crawler.frontier;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostDelay;
import dev.crawler.politeness.HostKey;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local frontier's state per host, created when a host's first URL comes and dropped when the
 * host has long been idle: a crawl across millions of hosts keeps the state of the busy ones and of
 * at most {@link Eviction#keep()} in all. A host that comes back starts afresh: its robots.txt is
 * fetched again, and its delay starts from the configured one (it has been idle longer than any
 * delay it had).
 *
 * <p>Not thread-safe: guarded by the frontier's lock, like the host queues it holds.
 */
final class HostTable {
    /**
     * When idle hosts are dropped.
     *
     * @param keep hosts kept before idle ones are dropped
     * @param idleNanos how long a host must have had nothing to do (and no request due) to be
     *     dropped
     */
    record Eviction(int keep, long idleNanos) {
        /** 4,096 hosts; idle for a minute. */
        static final Eviction DEFAULT = new Eviction(4096, Duration.ofMinutes(1).toNanos());
    }

    private final CrawlConfig config;
    private final Eviction eviction;
    private final Map<String, HostQueue> hosts = new HashMap<>();
    private long sinceSweep;
    private long evicted;

    HostTable(CrawlConfig config, Eviction eviction) {
        this.config = config;
        this.eviction = eviction;
    }

    /** The host's state, if it has any. */
    Optional<HostQueue> get(String key) {
        return Optional.ofNullable(hosts.get(key));
    }

    /** The state of {@code url}'s host, created if it has none. */
    HostQueue of(URI url, long now) {
        return hosts.computeIfAbsent(
                HostKey.of(url),
                key ->
                        new HostQueue(
                                key,
                                HostKey.robotsUrl(url),
                                new HostDelay(
                                        config.politeness().hostDelay(),
                                        config.politeness().maxHostDelay(),
                                        config.politeness().adaptiveDelay()),
                                config.politeness().hostConcurrency(),
                                config.politeness().respectRobots(),
                                now));
    }

    Collection<HostQueue> all() {
        return hosts.values();
    }

    int size() {
        return hosts.size();
    }

    /** Hosts dropped so far. */
    long evicted() {
        return evicted;
    }

    /**
     * Called as each request ends: once more than {@code keep} hosts are held, drops the
     * longest-idle ones, down to half of {@code keep}. A sweep looks at every host, so it runs at
     * most once per half as many requests as there are hosts: a constant cost per request, however
     * many hosts a broad crawl holds.
     */
    void evictIdle(long now) {
        sinceSweep++;
        if (hosts.size() <= eviction.keep() || sinceSweep < hosts.size() / 2) {
            return;
        }
        sinceSweep = 0;
        List<HostQueue> idle = new ArrayList<>();
        for (HostQueue h : hosts.values()) {
            if (h.idleFor(now, eviction.idleNanos())) {
                idle.add(h);
            }
        }
        idle.sort(Comparator.comparingLong(h -> h.nextAllowedNanos - now));
        int target = eviction.keep() / 2;
        for (HostQueue h : idle) {
            if (hosts.size() <= target) {
                break;
            }
            hosts.remove(h.key);
            h.scheduledDue = HostQueue.UNSCHEDULED; // any timer entry of it is stale now
            evicted++;
        }
    }
}
