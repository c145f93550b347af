package dev.crawler.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code make bench}: the crawler against the raw-fetch ceiling on a synthetic site served by a
 * separate JVM, each run in a JVM of its own with the launcher's options, for several fetcher
 * counts, with and without server latency; then the frontier and the rate limiter alone. Prints a
 * table and writes JSON. Fails (exit 1) if a crawl misses a page.
 */
public final class Bench {
    /** The launcher's default JVM options (bin/crawler), for every crawler and raw-fetch run. */
    public static final List<String> LAUNCHER_OPTS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-Xms16m",
                    "-Xmx256m",
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
    private final String javaBin = ProcessHandle.current().info().command().orElse("java");
    private final String classpath = System.getProperty("java.class.path");

    /** A benchmark printing to {@code out}. */
    public Bench(Plan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
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

        complete &= adaptive(report.putArray("scaling"));

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
        Process server = startSite(pages, delay);
        try {
            URI base = baseOf(server);
            List<URI> urls = dev.crawler.demo.DemoSite.plainUrls(base, pages);
            Path list = plan.outDir().resolve("urls-" + pages + ".txt");
            Files.write(list, urls.stream().map(URI::toString).toList());
            boolean complete = true;
            String siteName = delay.isZero() ? "0 ms" : delay.toMillis() + " ms";
            for (int fetchers : plan.fetchers()) {
                JsonNode c =
                        crawl(
                                base,
                                List.of(
                                        "--workers",
                                        String.valueOf(fetchers),
                                        "--fetch-timeout",
                                        "60s"));
                Path rawResult = plan.outDir().resolve("raw.json");
                run(
                        List.of(
                                "bench-raw",
                                "--urls",
                                list.toString(),
                                "--concurrency",
                                String.valueOf(fetchers),
                                "--result",
                                rawResult.toString()));
                JsonNode raw = json.readTree(rawResult.toFile());
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
                    double ideal = fetchers / (delay.toNanos() / 1e9);
                    entry.put("idealPagesPerSecond", ideal);
                    entry.put(
                            "ofIdeal",
                            Math.round(c.get("pagesPerSecond").asDouble() / ideal * 1000) / 1000.0);
                }
                entry.put("complete", allPages);
            }
            return complete;
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Pages of the site with 200 ms answers on which fixed and scaling fetchers are compared. */
    static final int SCALING_PAGES = 20_000;

    /**
     * On a site whose every answer takes 200 ms: well-tuned fixed fetcher counts against fetchers
     * that scale by themselves from 5 up to 1,000 ({@code --max-workers}).
     */
    private boolean adaptive(ArrayNode runs) throws IOException, InterruptedException {
        Process server = startSite(SCALING_PAGES, Duration.ofMillis(200));
        try {
            URI base = baseOf(server);
            long expected = dev.crawler.demo.DemoSite.plainUrls(base, SCALING_PAGES).size();
            out.printf(Locale.ROOT, "%nfetchers that scale, on a site answering in 200 ms:%n");
            boolean complete = true;
            List<List<String>> settings =
                    List.of(
                            List.of("--workers", "200"),
                            List.of("--workers", "500"),
                            List.of("--workers", "5", "--max-workers", "1000"));
            for (List<String> setting : settings) {
                JsonNode c = crawl(base, setting);
                complete &= c.get("fetched").asLong() == expected;
                out.printf(
                        Locale.ROOT,
                        "  %-28s %6d pages %8.1f pages/s, peak %d fetchers, CPU %.1f s%n",
                        String.join(" ", setting),
                        c.get("fetched").asLong(),
                        c.get("pagesPerSecond").asDouble(),
                        c.get("peakFetchers").asInt(),
                        c.get("process").get("cpuSeconds").asDouble());
                ObjectNode entry = runs.addObject();
                entry.put("setting", String.join(" ", setting));
                entry.set("crawler", c);
            }
            return complete;
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One crawl of the site in a fresh JVM, all pages, politeness off; its summary. */
    private JsonNode crawl(URI base, List<String> setting)
            throws IOException, InterruptedException {
        Path summary = plan.outDir().resolve("crawl.json");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "crawl",
                                base.toString(),
                                "--out",
                                plan.outDir().resolve("crawl.jsonl").toString(),
                                "--quiet",
                                "--ignore-robots",
                                "--host-delay",
                                "0s",
                                "--host-concurrency",
                                "100000",
                                "--max-depth",
                                "100",
                                "--summary-json",
                                summary.toString()));
        args.addAll(setting);
        run(args);
        return json.readTree(summary.toFile());
    }

    /** The plain site in a JVM of its own; it prints its base URL first. */
    private Process startSite(int pages, Duration delay) throws IOException {
        return start(
                List.of(
                        "serve-site",
                        "--plain",
                        "--port",
                        "0",
                        "--pages",
                        String.valueOf(pages),
                        "--delay",
                        delay.toMillis() + "ms"),
                List.of("-Xmx1g"));
    }

    private static URI baseOf(Process site) throws IOException {
        return URI.create(
                new BufferedReader(
                                new InputStreamReader(
                                        site.getInputStream(), StandardCharsets.UTF_8))
                        .readLine()
                        .trim());
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

    private Process start(List<String> args, List<String> jvm) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin);
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("dev.crawler.cli.Main");
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void run(List<String> args) throws IOException, InterruptedException {
        Process p = start(args, LAUNCHER_OPTS);
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("benchmark run failed with exit code " + rc + ": " + args);
        }
    }
}
