package dev.crawler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code make bench}: the crawler against the raw-fetch ceiling on a synthetic site served by a
 * separate JVM, each run in a JVM of its own with the launcher's options, for several fetcher
 * counts, with and without server latency; then the frontier and the rate limiter alone. Prints a
 * table and writes JSON. Fails (exit 1) if a crawl misses a page.
 */
final class Bench {
    /** The launcher's default JVM options (bin/crawler), for every crawler and raw-fetch run. */
    public static final List<String> LAUNCHER_OPTS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-Xms48m",
                    "-Xmx128m",
                    "-XX:SurvivorRatio=2",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:ReservedCodeCacheSize=32m",
                    "-XX:MaxMetaspaceSize=96m",
                    "-Xss256k");

    /** What to run. */
    public record Plan(
            int pages, int delayPages, Duration delay, List<Integer> fetchers, Path outDir) {}

    private final Plan plan;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final BenchProcesses processes;

    /** A benchmark printing to {@code out}. */
    public Bench(Plan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
        this.processes = new BenchProcesses(plan.outDir());
    }

    /** Runs everything; returns false when a crawl missed pages. */
    public boolean run() throws IOException, InterruptedException {
        Files.createDirectories(plan.outDir());
        ObjectNode report = json.createObjectNode();
        report.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        report.put(
                "server",
                "JDK HttpServer on virtual threads, separate JVM, pages rendered once and gzipped");
        report.put("jvmOptions", String.join(" ", LAUNCHER_OPTS));
        ArrayNode runs = report.putArray("runs");
        boolean complete = true;
        out.println(
                String.format(
                        Locale.ROOT,
                        "%-7s %-8s %6s %8s %9s %9s %6s %7s %8s %8s %8s %7s",
                        "site",
                        "fetchers",
                        "what",
                        "pages",
                        "wall s",
                        "pages/s",
                        "ratio",
                        "p50 ms",
                        "p99 ms",
                        "cpu s",
                        "heap MiB",
                        "RSS MiB"));
        complete &= site(Duration.ZERO, plan.pages(), runs);
        if (!plan.delay().isZero()) {
            complete &= site(plan.delay(), plan.delayPages(), runs);
        }

        complete &= DocsBench.run(processes, plan.outDir(), out, report);
        complete &= ScalingBench.run(processes, out, report.putArray("scaling"));

        FrontierBench.Result f = FrontierBench.run(1_000_000);
        ObjectNode frontier = report.putObject("frontier");
        frontier.put("urls", f.urls());
        frontier.put("admittedPerSecond", Math.round(f.perSecond()));
        frontier.put("heapBytesPerUrl", f.heapBytesPerUrl());
        out.printf(
                Locale.ROOT,
                "%nfrontier alone: %,d URLs admitted at %,.0f/s, %d bytes of heap per seen URL%n",
                f.urls(),
                f.perSecond(),
                f.heapBytesPerUrl());

        RateBench.Result r = RateBench.run(50, Duration.ofSeconds(20));
        ObjectNode rate = report.putObject("rateLimiter");
        rate.put("requestedPerSecond", r.requested());
        rate.put("deliveredPerSecond", r.delivered());
        rate.put("maxInAnySlidingSecond", r.maxInAnySecond());
        out.printf(
                Locale.ROOT,
                "rate limiter at %.0f/s for 20 s: %.2f/s delivered (%+.1f%%), at most %d in any sliding second%n",
                r.requested(),
                r.delivered(),
                100 * (r.delivered() / r.requested() - 1),
                r.maxInAnySecond());

        report.put("complete", complete);
        String stamp =
                LocalDateTime.now(java.time.ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path file = plan.outDir().resolve("bench-" + stamp + ".json");
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        out.println("\nwritten " + file + (complete ? "" : "  (INCOMPLETE: a crawl missed pages)"));
        return complete;
    }

    private boolean site(Duration delay, int pages, ArrayNode runs)
            throws IOException, InterruptedException {
        Process server = processes.startSite(pages, delay);
        try {
            URI base = BenchProcesses.baseOf(server);
            List<URI> urls = DemoSite.plainUrls(base, pages);
            Path list = plan.outDir().resolve("urls-" + pages + ".txt");
            Files.write(list, urls.stream().map(URI::toString).toList());
            boolean complete = true;
            String siteName = delay.isZero() ? "0 ms" : delay.toMillis() + " ms";
            for (int fetchers : plan.fetchers()) {
                JsonNode c =
                        processes.crawl(
                                base,
                                List.of(
                                        "--workers",
                                        String.valueOf(fetchers),
                                        "--fetch-timeout",
                                        "60s"));
                JsonNode raw = processes.raw(list, fetchers);
                double ratio =
                        c.get("pagesPerSecond").asDouble()
                                / Math.max(1e-9, raw.get("pagesPerSecond").asDouble());
                boolean allPages =
                        c.get("fetched").asLong() == urls.size()
                                && raw.get("fetched").asLong() == urls.size();
                complete &= allPages;
                print(siteName, fetchers, "crawl", c, ratio);
                print(siteName, fetchers, "raw", raw, 1.0);
                ObjectNode entry = runs.addObject();
                entry.put("delayMs", delay.toMillis());
                entry.put("pages", urls.size());
                entry.put("fetchers", fetchers);
                entry.set("crawler", c);
                entry.set("raw", raw);
                entry.put("ratio", Math.round(ratio * 1000) / 1000.0);
                if (!delay.isZero()) {
                    latencyIdeal(entry, c, raw, pages, fetchers, delay);
                }
                entry.put("complete", allPages);
            }
            return complete;
        } finally {
            BenchProcesses.stop(server);
        }
    }

    /**
     * The crawl's span against the latency ideal of its site ({@link LatencyIdeal}: every answer
     * takes the delay and no CPU, links fetchable the moment their page completes); and the raw
     * fetcher's against its own (every URL known from the start: ceil(N / C) delays), the share of
     * an ideal that this machine's client, server and cores allow at all.
     */
    private void latencyIdeal(
            ObjectNode entry, JsonNode c, JsonNode raw, int pages, int fetchers, Duration d) {
        Duration ideal = LatencyIdeal.span(DemoSite.plainGraph(pages), "/", fetchers, d);
        double share = ideal.toMillis() / Math.max(1.0, c.get("elapsedMs").asDouble());
        long urls = raw.get("fetched").asLong();
        long rawIdealMs = ((urls + fetchers - 1) / fetchers) * d.toMillis();
        double rawShare = rawIdealMs / Math.max(1.0, raw.get("elapsedMs").asDouble());
        entry.put("idealSpanMs", ideal.toMillis());
        entry.put("ofIdeal", Math.round(share * 1000) / 1000.0);
        entry.put("rawIdealSpanMs", rawIdealMs);
        entry.put("rawOfIdeal", Math.round(rawShare * 1000) / 1000.0);
        out.printf(
                Locale.ROOT,
                "        latency ideal for %d fetchers: %.2f s; the crawl took %.2f s, %.0f%% of it"
                        + " (the raw fetcher, every URL known: %.0f%% of its ideal of %.2f s)%n",
                fetchers,
                ideal.toMillis() / 1000.0,
                c.get("elapsedMs").asDouble() / 1000,
                100 * share,
                100 * rawShare,
                rawIdealMs / 1000.0);
    }

    private void print(String site, int fetchers, String what, JsonNode r, double ratio) {
        JsonNode p = r.get("process");
        out.println(
                String.format(
                        Locale.ROOT,
                        "%-7s %-8d %6s %8d %9.2f %9.1f %6.2f %7d %8d %8.1f %8.0f %7.0f",
                        site,
                        fetchers,
                        what,
                        r.get("fetched").asLong(),
                        r.get("elapsedMs").asDouble() / 1000,
                        r.get("pagesPerSecond").asDouble(),
                        ratio,
                        r.get("latencyMs").get("p50").asLong(),
                        r.get("latencyMs").get("p99").asLong(),
                        p.get("cpuSeconds").asDouble(),
                        p.get("peakHeapBytes").asDouble() / 1048576,
                        p.get("peakRssBytes").asDouble() / 1048576));
    }
}
