package dev.crawler.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crawler.CrawlStats;

/** {@code GET /stats}: the live counters as JSON. Stateless. */
final class StatsJson {
    private StatsJson() {}

    static JsonNode of(ObjectMapper json, CrawlStats s) {
        return json.createObjectNode()
                .put("admitted", s.admitted())
                .put("fetched", s.fetched())
                .put("failed", s.failed())
                .put("skipped", s.skipped())
                .put("queued", s.queued())
                .put("ready", s.ready())
                .put("retriesPending", s.retriesPending())
                .put("inFlight", s.inFlight())
                .put("fetchers", s.fetchers())
                .put("retries", s.retries())
                .put("bytes", s.bytes())
                .put("elapsedMs", s.elapsed().toMillis())
                .put(
                        "pagesPerSecond",
                        Math.round(s.fetched() / Math.max(1e-3, s.elapsed().toNanos() / 1e9) * 10)
                                / 10.0);
    }
}
