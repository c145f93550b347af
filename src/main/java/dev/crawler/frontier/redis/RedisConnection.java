package dev.crawler.frontier.redis;

import dev.crawler.config.FrontierChoice;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** Opens the connection to a shared crawl's Redis (one server, or any node of a cluster). */
final class RedisConnection {
    private static final int POOL_SIZE = 64;
    private static final int REDIS_TIMEOUT_MILLIS = 10_000;

    private RedisConnection() {}

    /**
     * Connects to {@code shared.url()}, checks that Redis answers, and gives the crawl's scripts.
     *
     * @throws IllegalStateException when Redis cannot be reached
     */
    static Scripts open(FrontierChoice.Shared shared) {
        URI uri = URI.create(shared.url());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMaxWait(Duration.ofMillis(REDIS_TIMEOUT_MILLIS));
        UnifiedJedis redis;
        try {
            redis =
                    "redis-cluster".equals(uri.getScheme())
                            ? new JedisCluster(
                                    new HostAndPort(uri.getHost(), port(uri)),
                                    REDIS_TIMEOUT_MILLIS,
                                    REDIS_TIMEOUT_MILLIS,
                                    5,
                                    pool)
                            : new JedisPooled(pool, uri, REDIS_TIMEOUT_MILLIS);
        } catch (JedisException e) {
            throw unreachable(uri, e);
        }
        try {
            redis.ping();
        } catch (JedisException e) {
            redis.close();
            throw unreachable(uri, e);
        }
        return new Scripts(redis, shared.crawlName(), redacted(uri));
    }

    private static IllegalStateException unreachable(URI uri, JedisException e) {
        return new IllegalStateException(
                "cannot reach the shared frontier at " + redacted(uri) + ": " + e.getMessage(), e);
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? 6379 : uri.getPort();
    }

    /** The URL without credentials, for messages. */
    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }
}
