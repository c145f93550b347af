package dev.crawler.frontier.redis;

import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.FrontierUnavailableException;
import dev.crawler.url.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The shared frontier's Lua scripts, each one atomic in Redis, and typed calls to them. Every key
 * of a crawl carries the hash tag {@code {NAME}}, so each script touches one hash slot (one shard
 * of a Redis Cluster). Scripts are loaded once and called by their SHA-1; a server that lost them
 * (restarted) gets them again.
 *
 * <p>Thread-safe: the client is a connection pool, the SHA cache a concurrent map.
 */
final class Scripts {
    private static final String COMMON = resource("common.lua");

    private static final Logger LOG = LoggerFactory.getLogger(Scripts.class);

    private final UnifiedJedis redis;
    private final String prefix;
    private final List<String> routingKey;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private final String where;
    private volatile boolean broken;

    Scripts(UnifiedJedis redis, String crawlName, String where) {
        this.redis = redis;
        this.where = where;
        this.prefix = "crawler:{" + crawlName + "}:";
        this.routingKey = List.of(prefix + "ledger");
    }

    /** The key prefix of the crawl, {@code crawler:{NAME}:}. */
    String prefix() {
        return prefix;
    }

    UnifiedJedis redis() {
        return redis;
    }

    /**
     * Runs script {@code name} with the prefix as its first argument, then {@code args}.
     *
     * @throws FrontierUnavailableException when Redis cannot be reached (now or before: once
     *     broken, every call fails at once)
     */
    Object call(String name, List<String> args) {
        List<String> all = new ArrayList<>(args.size() + 1);
        all.add(prefix);
        all.addAll(args);
        return guarded(
                () -> {
                    String sha = shas.get(name);
                    if (sha == null) {
                        sha = load(name);
                    }
                    try {
                        return redis.evalsha(sha, routingKey, all);
                    } catch (JedisNoScriptException e) {
                        return redis.evalsha(load(name), routingKey, all); // Redis restarted
                    }
                });
    }

    /**
     * Loads a script into Redis and remembers its SHA-1. Outside any map lock: a network call in
     * {@code computeIfAbsent} would block the map's bin, and pin a virtual thread's carrier on JDK
     * 21. Two threads may load the same script at once; Redis gives both the same SHA-1.
     */
    private String load(String name) {
        String sha = redis.scriptLoad(COMMON + "\n" + resource(name + ".lua"), routingKey.get(0));
        shas.put(name, sha);
        return sha;
    }

    /**
     * Runs a Redis command, turning a lost connection into {@link FrontierUnavailableException}.
     */
    <T> T guarded(Supplier<T> command) {
        if (broken) {
            throw new FrontierUnavailableException("lost the shared frontier at " + where, null);
        }
        try {
            return command.get();
        } catch (JedisConnectionException e) {
            broken = true;
            throw new FrontierUnavailableException(
                    "lost the shared frontier at " + where + ": " + e.getMessage(), e);
        }
    }

    /** Where Redis is, without credentials. */
    String where() {
        return where;
    }

    /** Whether a call found Redis unreachable: the crawl is stopping. */
    boolean broken() {
        return broken;
    }

    Object call(String name, String... args) {
        return call(name, List.of(args));
    }

    long callLong(String name, String... args) {
        return (Long) call(name, args);
    }

    /** What a claim gave: leased URLs, or when to look again and whether the crawl is over. */
    sealed interface ClaimReply {
        /** URLs now leased to this process, in hand-out order. */
        record Leased(List<Claimed> claims) implements ClaimReply {}

        /**
         * Nothing was ready.
         *
         * @param nowMillis the server's time
         * @param dueMillis when something may next be due (a host, a retry or a lease), or -1
         * @param outstanding admitted URLs not final, in the whole crawl
         * @param liveProducers producers registered and not expired, in the whole crawl
         */
        record Nothing(long nowMillis, long dueMillis, long outstanding, long liveProducers)
                implements ClaimReply {
            /** Whether the whole crawl is over. */
            boolean crawlOver() {
                return outstanding <= 0 && liveProducers == 0;
            }
        }
    }

    /** A leased URL: the lease's id, the URL's host, and the encoded request. */
    record Claimed(String leaseId, String host, String encoded) {}

    /** Claims up to {@code most} ready URLs under leases of {@code leaseMillis}. */
    ClaimReply claim(String leaseMillis, int most) {
        List<Object> r = list(call("claim", leaseMillis, String.valueOf(most)));
        if ((Long) r.get(0) == 0) {
            return new ClaimReply.Nothing(
                    (Long) r.get(1), (Long) r.get(2), (Long) r.get(3), (Long) r.get(4));
        }
        int n = Math.toIntExact((Long) r.get(2));
        List<Claimed> claims = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            claims.add(
                    new Claimed(
                            (String) r.get(3 + 3 * i),
                            (String) r.get(4 + 3 * i),
                            (String) r.get(5 + 3 * i)));
        }
        return new ClaimReply.Leased(claims);
    }

    /** The crawl's shared cookies ({@code cookies.txt}), if kept. */
    Optional<String> cookies() {
        try {
            return Optional.ofNullable(redis.get(prefix + "cookies"));
        } catch (JedisException e) {
            throw new FrontierUnavailableException("cannot read the shared cookies: " + e, e);
        }
    }

    /** Keeps the crawl's cookies for every process (and the next run); a failure is logged. */
    void keepCookies(String cookiesTxt) {
        try {
            redis.set(prefix + "cookies", cookiesTxt);
        } catch (JedisException e) {
            LOG.warn("Cannot keep the cookies in the shared frontier: {}", e.toString());
        }
    }

    /** Calls {@code action} with each URL that failed for good and its reason. */
    void forEachFailed(BiConsumer<String, String> action) {
        String key = prefix + "failed";
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String at = cursor;
            ScanResult<Map.Entry<String, String>> page =
                    guarded(() -> redis.hscan(key, at, new ScanParams().count(500)));
            page.getResult().forEach(e -> action.accept(e.getKey(), e.getValue()));
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /** The shared crawl's ledger (every process's work), with this process's rejections. */
    FrontierStats stats(Map<Rejection, Long> rejected) {
        List<Object> v = list(call("stats"));
        return new FrontierStats(
                (Long) v.get(0),
                (Long) v.get(1),
                (Long) v.get(2),
                (Long) v.get(3),
                (Long) v.get(5),
                (Long) v.get(6),
                (Long) v.get(7),
                rejected);
    }

    static List<Object> list(Object reply) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) reply;
        return l;
    }

    static List<String> strings(Collection<?> values) {
        List<String> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    private static String resource(String file) {
        try (InputStream in =
                Scripts.class.getResourceAsStream("/dev/crawler/frontier/redis/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
