package dev.crawler.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Remembers what each submission asked for and how each submitted URL ended. A sink of the crawl:
 * it keeps the final record of submitted URLs only (requests without a parent), and only while a
 * submission waits for them, so its memory grows with the submissions it tracks, not with the
 * crawl. It tracks at most {@code maxSubmissions}: past that, the oldest finished submission is
 * forgotten (the oldest of all when none is finished), and {@code forgotten} is told, so that its
 * items go too; {@code GET /crawl/{id}} then answers 404.
 *
 * <p>Thread-safe: one lock guards every map; no I/O, and no callback, runs under it.
 */
final class SubmissionTracker implements CrawlSink {
    /** How one submitted URL stands. */
    record UrlState(String url, String state, int status, String error) {
        boolean pending() {
            return state.equals("pending");
        }
    }

    /** One accepted {@code POST /crawl}. */
    record Submission(String id, String tag, List<UrlState> entries) {
        /** {@code GET /crawl/{id}}: each URL's state, and whether none is pending. */
        ObjectNode toJson(ObjectMapper json) {
            ObjectNode o = json.createObjectNode().put("id", id).put("tag", tag);
            ArrayNode list = o.putArray("urls");
            boolean done = true;
            for (UrlState e : entries) {
                ObjectNode u = list.addObject().put("url", e.url()).put("state", e.state());
                if (e.status() > 0) u.put("status", e.status());
                if (!e.error().isEmpty()) u.put("error", e.error());
                done &= !e.pending();
            }
            o.put("done", done);
            return o;
        }
    }

    /** A tracked submission: its entries, updated as its URLs end; guarded by the lock. */
    private static final class Tracked {
        final String id;
        final String tag;
        final UrlState[] entries;
        int pending;

        Tracked(Submission s) {
            this.id = s.id();
            this.tag = s.tag();
            this.entries = s.entries().toArray(UrlState[]::new);
        }
    }

    /** Final states kept for URLs no submission waits for yet (it is being registered). */
    static final int RECENT = 10_000;

    private final int maxSubmissions;
    private final Consumer<String> forgotten;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Tracked> submissions = new LinkedHashMap<>();
    private final Map<String, List<Tracked>> waiting = new HashMap<>();
    private final LinkedHashMap<String, UrlState> recent =
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, UrlState> eldest) {
                    return size() > RECENT;
                }
            };

    SubmissionTracker(int maxSubmissions, Consumer<String> forgotten) {
        if (maxSubmissions < 1) throw new IllegalArgumentException("maxSubmissions < 1");
        this.maxSubmissions = maxSubmissions;
        this.forgotten = forgotten;
    }

    @Override
    public void accept(CrawlResult result) {
        if (result.request().parent().isPresent()) {
            return; // not a submitted URL
        }
        String url = result.request().url().toString();
        int status = result.response().map(r -> r.status()).orElse(0);
        String error =
                switch (result) {
                    case CrawlResult.Fetched f -> "";
                    case CrawlResult.Unchanged u -> "";
                    case CrawlResult.Failed f -> f.error();
                    case CrawlResult.Skipped s -> s.reason();
                };
        UrlState done =
                new UrlState(url, result.outcome().name().toLowerCase(Locale.ROOT), status, error);
        lock.lock();
        try {
            List<Tracked> waiters = waiting.remove(url);
            if (waiters == null) {
                recent.put(url, done); // its submission may be registering now
                return;
            }
            for (Tracked t : waiters) {
                settle(t, done);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private static void settle(Tracked t, UrlState done) {
        for (int i = 0; i < t.entries.length; i++) {
            if (t.entries[i].pending() && t.entries[i].url().equals(done.url())) {
                t.entries[i] = done;
                t.pending--;
            }
        }
    }

    void add(Submission submission) {
        List<String> dropped = new ArrayList<>();
        lock.lock();
        try {
            Tracked t = new Tracked(submission);
            for (UrlState e : t.entries) {
                if (e.pending()) {
                    t.pending++;
                    waiting.computeIfAbsent(e.url(), u -> new ArrayList<>(1)).add(t);
                }
            }
            for (UrlState e : List.of(t.entries)) {
                UrlState done = e.pending() ? recent.get(e.url()) : null;
                if (done != null) { // it ended before its submission was registered
                    waiting.remove(e.url());
                    settle(t, done);
                }
            }
            submissions.put(t.id, t);
            while (submissions.size() > maxSubmissions) {
                dropped.add(forgetOne());
            }
        } finally {
            lock.unlock();
        }
        dropped.forEach(forgotten);
    }

    /** Under the lock: forgets the oldest finished submission, else the oldest. */
    private String forgetOne() {
        Tracked victim = null;
        for (Tracked t : submissions.values()) {
            if (t.pending == 0) {
                victim = t;
                break;
            }
        }
        if (victim == null) {
            victim = submissions.values().iterator().next();
        }
        submissions.remove(victim.id);
        for (UrlState e : victim.entries) {
            List<Tracked> waiters = waiting.get(e.url());
            if (waiters != null) {
                for (Iterator<Tracked> it = waiters.iterator(); it.hasNext(); ) {
                    if (it.next() == victim) it.remove();
                }
                if (waiters.isEmpty()) waiting.remove(e.url());
            }
        }
        return victim.id;
    }

    /** The submission with its URLs' current states. */
    Optional<Submission> get(String id) {
        lock.lock();
        try {
            Tracked t = submissions.get(id);
            return t == null
                    ? Optional.empty()
                    : Optional.of(new Submission(t.id, t.tag, List.of(t.entries)));
        } finally {
            lock.unlock();
        }
    }

    /** Submissions tracked now. */
    int size() {
        lock.lock();
        try {
            return submissions.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
