package dev.crawler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The benchmark of fetchers that scale with the work, against fixed counts. Stateless. */
final class ScalingBench {
    private ScalingBench() {}

    /** Pages of the site with 200 ms answers on which fixed and scaling fetchers are compared. */
    static final int SCALING_PAGES = 20_000;

    /**
     * On a site whose every answer takes 200 ms: well-tuned fixed fetcher counts against fetchers
     * that scale by themselves from 5 up to 1,000 ({@code --max-workers}).
     */
    static boolean run(BenchProcesses p, PrintStream out, ArrayNode runs)
            throws IOException, InterruptedException {
        Process server = p.startSite(SCALING_PAGES, Duration.ofMillis(200));
        try {
            URI base = BenchProcesses.baseOf(server);
            long expected = DemoSite.plainUrls(base, SCALING_PAGES).size();
            out.printf(Locale.ROOT, "%nfetchers that scale, on a site answering in 200 ms:%n");
            boolean complete = true;
            List<List<String>> settings =
                    List.of(
                            List.of("--workers", "200"),
                            List.of("--workers", "500"),
                            List.of("--workers", "5", "--max-workers", "1000"));
            for (List<String> setting : settings) {
                JsonNode c = p.crawl(base, setting);
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
            BenchProcesses.stop(server);
        }
    }
}
