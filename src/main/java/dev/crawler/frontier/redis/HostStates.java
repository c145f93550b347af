package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostKey;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This process's state of each host it claims URLs of (robots.txt rules, adaptive delay), least
 * recently used first: past {@code keep} hosts, the one unused longest is dropped unless its
 * robots.txt is being fetched, so a crawl across millions of hosts holds bounded memory. A dropped
 * host that comes back starts afresh (its robots.txt is fetched again; its slots and hold times are
 * kept in Redis anyway).
 *
 * <p>Not thread-safe: guarded by the frontier's lock.
 */
final class HostStates {
    /** Hosts kept by default. */
    static final int KEEP = 4096;

    private final CrawlConfig config;
    private final LinkedHashMap<String, HostState> hosts;

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
