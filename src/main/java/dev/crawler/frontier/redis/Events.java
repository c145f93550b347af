package dev.crawler.frontier.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Listens on the crawl's Redis channel, where the scripts announce new work ({@code work}: a host
 * became ready) and the end ({@code done}), and wakes the frontier's waiting hand-out. One platform
 * thread holding one connection in a blocking SUBSCRIBE; it resubscribes after a lost connection. A
 * missed message only delays the hand-out until its next scheduled look.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, once or more.
 */
final class Events implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private final UnifiedJedis redis;
    private final String channel;
    private final Runnable onEvent;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private final JedisPubSub listener =
            new JedisPubSub() {
                @Override
                public void onSubscribe(String name, int count) {
                    if (closing.getCount() == 0) {
                        unsubscribe();
                    }
                }

                @Override
                public void onMessage(String name, String message) {
                    onEvent.run();
                }
            };

    Events(UnifiedJedis redis, String channel, Runnable onEvent) {
        this.redis = redis;
        this.channel = channel;
        this.onEvent = onEvent;
        this.thread = Thread.ofPlatform().daemon().name("redis-events").start(this::listen);
    }

    private void listen() {
        while (closing.getCount() > 0) {
            try {
                redis.subscribe(listener, channel); // returns when unsubscribed
            } catch (JedisException e) {
                LOG.debug("Event subscription lost: {}", e.getMessage());
                onEvent.run(); // something may have happened meanwhile
            }
            try {
                if (closing.await(RECONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        if (listener.isSubscribed()) {
            try {
                listener.unsubscribe();
            } catch (JedisException e) {
                // the connection is gone, and the subscription with it
            }
        }
        try {
            thread.join(RECONNECT_WAIT.multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
