package dev.crawler.frontier.redis;

import dev.crawler.frontier.FrontierUnavailableException;
import dev.crawler.frontier.RequestCodec;
import dev.crawler.request.CrawlRequest;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What this process holds in the shared crawl under a lease: the URLs it claimed (by request key)
 * and its live producers (seed sources). Both are renewed every third of the lease time; when the
 * process dies they expire, and the URLs go back to their queues for the other processes.
 *
 * <p>Thread-safe: a concurrent map and a concurrent deque.
 */
final class Leases {
    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    /**
     * A claim this process holds: the lease's id in Redis, the URL's host, and, once its fetch
     * ended, what to tell the host's record when the URL is completed or retried (one call).
     */
    record Lease(String id, String host, Optional<Hold> hold) {
        Lease(String id, String host) {
            this(id, host, Optional.empty());
        }

        /** The script arguments for the hold: ms, delay ms, concurrency (0: unchanged). */
        List<String> holdArgs() {
            return hold.map(
                            h ->
                                    List.of(
                                            String.valueOf(h.holdMillis()),
                                            String.valueOf(h.delayMillis()),
                                            String.valueOf(h.concurrency())))
                    .orElse(List.of("-", "0", "0"));
        }
    }

    /** How long the host is to be left alone after a fetch, its delay, and its concurrency. */
    record Hold(long holdMillis, long delayMillis, int concurrency) {}

    private final String leaseMillis;
    private final Map<String, Lease> byKey = new ConcurrentHashMap<>();
    private final String processId = UUID.randomUUID().toString();
    private final AtomicLong producerSeq = new AtomicLong();
    private final Deque<String> producers = new ConcurrentLinkedDeque<>();
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("redis-leases").factory());

    Leases(long leaseMillis) {
        this.leaseMillis = String.valueOf(leaseMillis);
    }

    /** Runs {@code renew} every third of the lease time, on a thread of its own. */
    void renewEveryThird(Runnable renew) {
        long every = Math.max(100, Long.parseLong(leaseMillis) / 3);
        heartbeat.scheduleWithFixedDelay(renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops the renewals and their thread. */
    void stopRenewing() {
        heartbeat.shutdownNow();
    }

    /** The lease time, as the scripts take it. */
    String millis() {
        return leaseMillis;
    }

    /** A claimed URL, leased from now: renewed and, at a stop, put back. */
    void claimed(Scripts.Claimed c) {
        byKey.put(RequestCodec.decodeKey(c.encoded()), new Lease(c.leaseId(), c.host()));
    }

    Optional<Lease> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    Optional<Lease> remove(String key) {
        return Optional.ofNullable(byKey.remove(key));
    }

    /** What to tell the host's record with the URL's completion or retry. */
    void hold(String key, Hold hold) {
        byKey.computeIfPresent(key, (k, l) -> new Lease(l.id(), l.host(), Optional.of(hold)));
    }

    /** Lets go of these requests' leases; their ids. */
    List<String> removeAll(List<CrawlRequest> requests) {
        List<String> ids = new ArrayList<>(requests.size());
        for (CrawlRequest r : requests) {
            remove(r.key()).ifPresent(l -> ids.add(l.id()));
        }
        return ids;
    }

    /** Lets go of every URL lease; their ids. */
    List<String> removeEvery() {
        List<String> ids = byKey.values().stream().map(Lease::id).toList();
        byKey.clear();
        return ids;
    }

    int size() {
        return byKey.size();
    }

    /** A new producer of this process, leased in Redis. */
    void startProducer(Scripts scripts) {
        String id = processId + "/" + producerSeq.incrementAndGet();
        producers.push(id);
        scripts.call("producer", "start", id, leaseMillis);
    }

    /**
     * The latest producer finished: Redis hears of it unless {@code offline}.
     *
     * @return whether Redis was told
     */
    boolean finishProducer(Scripts scripts, boolean offline) {
        String id = producers.poll();
        if (id == null || offline) {
            return false;
        }
        scripts.call("producer", "finish", id, leaseMillis);
        return true;
    }

    boolean producersLive() {
        return !producers.isEmpty();
    }

    /** Extends every lease and producer of this process, in one script; false if it failed. */
    boolean renew(Scripts scripts) {
        List<String> args = new ArrayList<>();
        args.add(leaseMillis);
        List<String> live = List.copyOf(producers);
        args.add(String.valueOf(live.size()));
        args.addAll(live);
        byKey.values().forEach(l -> args.add(l.id()));
        try {
            long lost = (Long) scripts.call("renew", args);
            if (lost > 0) {
                LOG.warn("{} leases had expired before their renewal", lost);
            }
            return true;
        } catch (FrontierUnavailableException | JedisException e) {
            LOG.warn("Cannot renew leases: {}", e.getMessage());
            return false;
        }
    }
}
