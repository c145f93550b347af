package dev.crawler.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what each submission asked for and how each submitted URL ended. A sink of the crawl:
 * it keeps the final record of submitted URLs only (requests without a parent), so its memory grows
 * with the submissions, not with the crawl.
 *
 * <p>Thread-safe: concurrent maps, written by fetchers and HTTP handlers.
 */
final class SubmissionTracker implements CrawlSink {
    /** How one submitted URL stands. */
    record UrlState(String url, String state, int status, String error) {}

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
                done &= !e.state().equals("pending");
            }
            o.put("done", done);
            return o;
        }
    }

    private final Map<String, Submission> submissions = new ConcurrentHashMap<>();
    private final Map<String, UrlState> finals = new ConcurrentHashMap<>();

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
        finals.put(
                url,
                new UrlState(url, result.outcome().name().toLowerCase(Locale.ROOT), status, error));
    }

    void add(Submission submission) {
        submissions.put(submission.id(), submission);
    }

    /** The submission with its URLs' current states. */
    Optional<Submission> get(String id) {
        Submission s = submissions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(
                new Submission(
                        s.id(),
                        s.tag(),
                        s.entries().stream()
                                .map(e -> e.state().equals("pending") ? current(e) : e)
                                .toList()));
    }

    private UrlState current(UrlState pending) {
        return finals.getOrDefault(pending.url(), pending);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
