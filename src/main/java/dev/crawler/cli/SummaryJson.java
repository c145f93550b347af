package dev.crawler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.CrawlSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a crawl summary as JSON for scripts ({@code --summary-json FILE}). */
final class SummaryJson {
    private SummaryJson() {}

    static ObjectNode toJson(CrawlSummary s) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("admitted", s.admitted());
        o.put("fetched", s.fetched());
        o.put("failed", s.failed());
        o.put("skipped", s.skipped());
        o.put("pending", s.pending());
        o.put("peakFetchers", s.peakFetchers());
        o.put("ledgerBalanced", s.ledgerBalanced());
        ObjectNode rejected = o.putObject("notAdmitted");
        s.rejected().forEach(rejected::put);
        o.put("seedErrors", s.seedErrors());
        o.put("retries", s.retries());
        o.put("items", s.items());
        o.put("handlerErrors", s.handlerErrors());
        o.put("bytes", s.bytes());
        o.put("peakHeldBytes", s.peakHeldBytes());
        ObjectNode statuses = o.putObject("statuses");
        s.statuses().forEach((k, v) -> statuses.put(String.valueOf(k), v));
        o.put("elapsedMs", s.elapsed().toMillis());
        o.put("pagesPerSecond", Math.round(s.pagesPerSecond() * 10) / 10.0);
        ObjectNode latency = o.putObject("latencyMs");
        latency.put("count", s.latency().count());
        latency.put("p50", s.latency().p50().toMillis());
        latency.put("p95", s.latency().p95().toMillis());
        latency.put("p99", s.latency().p99().toMillis());
        latency.put("max", s.latency().max().toMillis());
        var hosts = o.putArray("topFailingHosts");
        s.topFailingHosts()
                .forEach(h -> hosts.addObject().put("host", h.host()).put("failed", h.count()));
        o.set("process", process(mapper));
        o.put("cancelled", s.cancelled());
        o.put("error", s.error().orElse(null));
        return o;
    }

    /** This process's CPU time, peak RSS and peak heap so far. */
    static ObjectNode process(ObjectMapper mapper) {
        ProcessStats p = ProcessStats.now();
        ObjectNode o = mapper.createObjectNode();
        o.put("cpuSeconds", Math.round(p.cpu().toMillis() / 10.0) / 100.0);
        o.put("peakRssBytes", p.peakRssBytes());
        o.put("peakHeapBytes", p.peakHeapBytes());
        return o;
    }

    /** Writes the summary to {@code file} whole (through a temporary file and a rename). */
    static void write(CrawlSummary s, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.write(
                part,
                new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(toJson(s)));
        Files.move(
                part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
