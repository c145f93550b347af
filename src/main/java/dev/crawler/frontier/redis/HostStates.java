package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostKey;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * This process's state of each host it claims URLs of (robots.txt rules, adaptive delay), least
 * recently used first: past {@code keep} hosts, the one unused longest is dropped unless its
 * robots.txt is being fetched, so a crawl across millions of hosts holds bounded memory. A dropped
 * host that comes back starts afresh (its robots.txt is fetched again; its slots and hold times are
 * kept in Redis anyway).
 *
 * <p>Thread-safe: {@link #apply} and {@link #drainAwaitingRobots} hold its lock (a {@link
 * ReentrantLock}, never held across a Redis call); {@link #of} and {@link #all} are for one thread.
 */
final class HostStates {
    /** Hosts kept by default. */
    static final int KEEP = 4096;

    private final CrawlConfig config;
    private final LinkedHashMap<String, HostState> hosts; // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();

    HostStates(CrawlConfig config, int keep) {
        this.config = config;
        this.hosts =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, HostState> eldest) {
                        HostState h = eldest.getValue();
                        return size() > keep && !h.robots.fetching() && h.awaitingRobots.isEmpty();
                    }
                };
    }

    /** {@code f} of the host's state, under the lock. */
    <T> T apply(String hostKey, Function<HostState, T> f) {
        lock.lock();
        try {
            return f.apply(of(hostKey));
        } finally {
            lock.unlock();
        }
    }

    /** The URLs held for a robots.txt, taken from every host. */
    List<CrawlRequest> drainAwaitingRobots() {
        lock.lock();
        try {
            List<CrawlRequest> held = new ArrayList<>();
            for (HostState host : hosts.values()) {
                held.addAll(host.awaitingRobots);
                host.awaitingRobots.clear();
            }
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** The host's state, created if it has none; counts as a use. */
    HostState of(String hostKey) {
        return hosts.computeIfAbsent(
                hostKey, k -> new HostState(HostKey.robotsUrl(URI.create(k + "/")), config));
    }

    Collection<HostState> all() {
        return hosts.values();
    }

    int size() {
        return hosts.size();
    }
}
