package dev.crawler.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.crawler.Crawler;
import dev.crawler.config.ConfigException;
import dev.crawler.extract.Rules;
import dev.crawler.frontier.Admission;
import dev.crawler.seed.Seed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of a {@link CrawlService}. Every answer is JSON; every error is a status with a
 * reason, never a stack trace.
 *
 * <p>Thread-safe: each exchange runs on its own virtual thread; the state lives in the crawler and
 * the tracker, both thread-safe.
 */
final class ServiceApi implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceApi.class);
    private static final int MAX_TAG_LENGTH = 200;

    private final ObjectMapper json = new ObjectMapper();
    private final Crawler crawler;
    private final SubmissionTracker tracker;
    private final SubmissionItems items;
    private final ServiceOptions options;
    private final Runnable shutdown;
    private final ApiGate gate;
    private final Optional<Supplier<String>> metrics;
    private final Semaphore inFlight;
    private final SubmissionGuard submissions;

    ServiceApi(
            Crawler crawler,
            SubmissionTracker tracker,
            SubmissionItems items,
            ServiceOptions options,
            Runnable shutdown,
            Optional<Supplier<String>> metrics) {
        this.metrics = metrics;
        this.crawler = crawler;
        this.tracker = tracker;
        this.items = items;
        this.gate = new ApiGate(options);
        this.inFlight = new Semaphore(options.maxConcurrentRequests());
        this.submissions = new SubmissionGuard(options.allowInternal());
        this.options = options;
        this.shutdown = shutdown;
    }

    /** A request the API refuses, with its status and reason. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient ArrayNode rejected;

        Refused(int status, String reason) {
            this(status, reason, null);
        }

        Refused(int status, String reason, ArrayNode rejected) {
            super(reason, null, false, false);
            this.status = status;
            this.rejected = rejected;
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if (!inFlight.tryAcquire()) {
                send(ex, 503, json.createObjectNode().put("error", "too many requests at once"));
                return;
            }
            try {
                gate.check(ex, path);
                JsonNode answer;
                int status = 200;
                if (path.equals("/crawl")) {
                    expect(method, "POST");
                    answer = submit(readBody(ex));
                    status = 202;
                } else if (path.startsWith("/crawl/") && path.endsWith("/items")) {
                    expect(method, "GET");
                    String id =
                            path.substring("/crawl/".length(), path.length() - "/items".length());
                    streamItems(ex, id);
                    return;
                } else if (path.startsWith("/crawl/")) {
                    expect(method, "GET");
                    answer = status(path.substring("/crawl/".length()));
                } else if (path.equals("/stats")) {
                    expect(method, "GET");
                    answer = StatsJson.of(json, crawler.stats());
                } else if (path.equals("/metrics") && metrics.isPresent()) {
                    expect(method, "GET");
                    byte[] text = metrics.get().get().getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders()
                            .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    ex.sendResponseHeaders(200, text.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(text);
                    }
                    return;
                } else if (path.equals("/health")) {
                    expect(method, "GET");
                    answer = json.createObjectNode().put("status", "ok");
                } else if (path.equals("/shutdown")) {
                    expect(method, "POST");
                    if (!options.allowShutdown()) {
                        throw new Refused(403, "shutdown over HTTP is not enabled");
                    }
                    shutdown.run();
                    answer = json.createObjectNode().put("status", "stopping");
                    status = 202;
                } else {
                    throw new Refused(404, "no such resource: " + path);
                }
                send(ex, status, answer);
            } catch (Refused r) {
                ObjectNode error = json.createObjectNode().put("error", r.getMessage());
                if (r.rejected != null) {
                    error.set("rejected", r.rejected);
                }
                send(ex, r.status, error);
            } catch (ApiGate.Denied d) {
                send(ex, d.status(), json.createObjectNode().put("error", d.getMessage()));
            } catch (RuntimeException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.error("Service request {} {} failed", method, path, e);
                send(ex, 500, json.createObjectNode().put("error", "internal error"));
            } finally {
                inFlight.release();
            }
        }
    }

    private static void expect(String method, String wanted) throws Refused {
        if (!method.equals(wanted)) {
            throw new Refused(405, "use " + wanted);
        }
    }

    private byte[] readBody(HttpExchange ex) throws IOException, Refused {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(options.maxBodyBytes() + 1);
            if (body.length > options.maxBodyBytes()) {
                throw new Refused(400, "body larger than " + options.maxBodyBytes() + " bytes");
            }
            return body;
        }
    }

    /** {@code {"urls": [...], "priority": 0, "tag": "..."}} → 202 with an id. */
    private JsonNode submit(byte[] body) throws Refused, InterruptedException {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refused(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Refused(400, "unreadable body");
        }
        if (request == null || !request.isObject()) {
            throw new Refused(400, "expected a JSON object with \"urls\"");
        }
        JsonNode urls = request.get("urls");
        if (urls == null || !urls.isArray() || urls.isEmpty()) {
            throw new Refused(400, "\"urls\" must be a non-empty array of strings");
        }
        if (urls.size() > options.maxUrlsPerSubmission()) {
            throw new Refused(
                    400, "more than " + options.maxUrlsPerSubmission() + " URLs in one submission");
        }
        JsonNode tagNode = request.get("tag");
        if (tagNode != null
                && (!tagNode.isTextual() || tagNode.asText().length() > MAX_TAG_LENGTH)) {
            throw new Refused(400, "\"tag\" must be a string of at most " + MAX_TAG_LENGTH);
        }
        for (JsonNode u : urls) {
            if (!u.isTextual()) {
                throw new Refused(400, "\"urls\" must hold strings only");
            }
        }
        java.util.function.UnaryOperator<Seed> shape;
        try {
            shape = SeedShape.of(request);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
        Optional<Rules> rules = Optional.empty();
        if (request.hasNonNull("extract")) {
            try {
                rules = Optional.of(Rules.parse(request.get("extract"), "extract"));
            } catch (ConfigException e) {
                throw new Refused(400, e.getMessage());
            }
        }
        String id = UUID.randomUUID().toString();
        rules.ifPresent(r -> items.register(id, r)); // before any of its pages can be fetched
        List<SubmissionTracker.UrlState> entries = new ArrayList<>();
        ArrayNode rejected = json.createArrayNode();
        for (JsonNode u : urls) {
            Optional<String> blocked = submissions.refuse(u.asText());
            if (blocked.isPresent()) {
                // refused before admission: its host never joins the crawl's scope
                entries.add(new SubmissionTracker.UrlState(u.asText(), "rejected", 0, "blocked"));
                rejected.addObject().put("url", u.asText()).put("reason", blocked.get());
                continue;
            }
            Seed seed = shape.apply(Seed.of(u.asText()).group(id));
            Admission admission = crawler.submit(seed);
            switch (admission) {
                case Admission.Admitted a ->
                        entries.add(
                                new SubmissionTracker.UrlState(
                                        a.request().url().toString(), "pending", 0, ""));
                case Admission.Rejected r -> {
                    entries.add(
                            new SubmissionTracker.UrlState(
                                    u.asText(), "rejected", 0, r.reason().label()));
                    rejected.addObject()
                            .put("url", u.asText())
                            .put("reason", r.reason().label() + ": " + r.detail());
                }
            }
        }
        if (rejected.size() == urls.size()) {
            throw new Refused(400, "no URL was accepted", rejected);
        }
        tracker.add(
                new SubmissionTracker.Submission(
                        id, tagNode == null ? "" : tagNode.asText(), List.copyOf(entries)));
        ObjectNode o = json.createObjectNode().put("id", id);
        o.put("accepted", urls.size() - rejected.size());
        o.set("rejected", rejected);
        return o;
    }

    private JsonNode status(String id) throws Refused {
        SubmissionTracker.Submission s =
                tracker.get(id).orElseThrow(() -> new Refused(404, "no submission " + id));
        return s.toJson(json);
    }

    /** The submission's items so far, as JSON Lines. */
    private void streamItems(HttpExchange ex, String id) throws IOException, Refused {
        if (tracker.get(id).isEmpty()) {
            throw new Refused(404, "no submission " + id);
        }
        if (!items.extracts(id)) {
            throw new Refused(404, "submission " + id + " has no extraction rules");
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0); // chunked: the length is known only at the end
        try (OutputStream out = ex.getResponseBody()) {
            items.copyTo(id, out);
        }
    }

    private void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
