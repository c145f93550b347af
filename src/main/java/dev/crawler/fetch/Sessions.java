package dev.crawler.fetch;

import dev.crawler.request.CrawlRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crawl's sessions, as Crawlee's session pool has them: each an HTTP client with its own cookie
 * jar and its own place in the proxy rotation, so that to a site each looks like a user of its own.
 * A request bound to one (user data {@code session=N}) goes through it; others take them in turn. A
 * session answered {@code 403} or {@code 429} {@code maxBlocked} times in a row is retired: a new
 * one, with an empty jar and the next proxy, takes its place. Without {@code sessions} there is one
 * session, the crawl's jar, never retired.
 *
 * <p>Thread-safe: the slots are atomic references, swapped by compare-and-set; a retired client is
 * closed with the others when the crawl ends (requests on it may still be running).
 */
final class Sessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    /** One session: its slot, which generation of that slot it is, its client. */
    record Session(int slot, int generation, HttpClient client) {}

    private final AtomicReferenceArray<Session> slots;
    private final AtomicIntegerArray blocked;
    private final AtomicInteger turn = new AtomicInteger();
    private final int maxBlocked;
    private final BiFunction<Integer, Integer, Session> create;
    private final ConcurrentLinkedQueue<HttpClient> retired = new ConcurrentLinkedQueue<>();

    /**
     * @param count sessions (at least 1)
     * @param maxBlocked blocked answers in a row that retire a session; 0 never retires
     * @param create a new session for (slot, generation)
     */
    Sessions(int count, int maxBlocked, BiFunction<Integer, Integer, Session> create) {
        this.slots = new AtomicReferenceArray<>(count);
        this.blocked = new AtomicIntegerArray(count);
        this.maxBlocked = maxBlocked;
        this.create = create;
        for (int i = 0; i < count; i++) {
            slots.set(i, create.apply(i, 0));
        }
    }

    /** The session {@code request} is bound to, or the next in turn. */
    Session pick(CrawlRequest request) {
        String bound = request.userData().get("session");
        int slot;
        if (bound != null && bound.matches("\\d{1,9}")) {
            slot = Integer.parseInt(bound) % slots.length();
        } else {
            slot = Math.floorMod(turn.getAndIncrement(), slots.length());
        }
        return slots.get(slot);
    }

    /** What {@code session} was answered; retires it after too many blocks in a row. */
    void answered(Session session, int status) {
        if (maxBlocked <= 0) {
            return;
        }
        if (status == 403 || status == 429) {
            if (blocked.incrementAndGet(session.slot()) >= maxBlocked) {
                retire(session);
            }
        } else if (status >= 200 && status < 400) {
            blocked.set(session.slot(), 0);
        }
    }

    /** Retires the session {@code ref} names, if it is still the one in its slot. */
    void retire(SessionRef ref) {
        if (maxBlocked <= 0 || ref.slot() < 0 || ref.slot() >= slots.length()) {
            return;
        }
        Session current = slots.get(ref.slot());
        if (current.generation() == ref.generation()) {
            retire(current);
        }
    }

    private void retire(Session session) {
        Session fresh = create.apply(session.slot(), session.generation() + 1);
        if (slots.compareAndSet(session.slot(), session, fresh)) {
            blocked.set(session.slot(), 0);
            retired.add(session.client());
            LOG.info("Session {} retired; a new one takes its place", session.slot());
        } else {
            fresh.client().shutdownNow(); // another fetcher retired it first
        }
    }

    /** Sessions retired so far. */
    int retiredCount() {
        return retired.size();
    }

    /** Closes every client, current and retired, waiting up to {@code wait} for each. */
    void close(Duration wait) {
        List<HttpClient> all = new java.util.ArrayList<>(retired);
        for (int i = 0; i < slots.length(); i++) {
            all.add(slots.get(i).client());
        }
        for (HttpClient c : all) {
            c.shutdown();
        }
        for (HttpClient c : all) {
            try {
                if (!c.awaitTermination(wait)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                c.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
