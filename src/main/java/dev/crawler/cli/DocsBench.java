package dev.crawler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code make bench}'s site of big pages: Python 3.11's documentation as Debian installs it ({@code
 * python3.11-doc}: 526 pages, 51 MB, some of 2.5 MB with 14,000 links), served from its folder,
 * crawled at 64 fetchers, then fetched by the raw fetcher; CPU per page and peak RSS set against
 * issue 18's targets (6 ms, 160 MiB). Skipped, with a line saying how to get it, when the folder is
 * missing.
 */
final class DocsBench {
    /** Where Debian's {@code python3.11-doc} puts the documentation. */
    static final Path DOCS = Path.of("/usr/share/doc/python3.11/html");

    private static final int FETCHERS = 64;

    private DocsBench() {}

    /** Runs it into {@code report}; false when the crawl and the raw fetch disagree on pages. */
    static boolean run(BenchProcesses processes, Path outDir, PrintStream out, ObjectNode report)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(DOCS)) {
            out.printf(
                    Locale.ROOT,
                    "%ndocumentation site: skipped (sudo apt-get install python3.11-doc)%n");
            return true;
        }
        ObjectMapper json = new ObjectMapper();
        Process server = processes.startFolder(DOCS);
        try {
            URI base = BenchProcesses.baseOf(server);
            JsonNode c =
                    processes.crawl(
                            base.resolve("index.html"),
                            List.of("--workers", String.valueOf(FETCHERS)));
            List<String> fetched = new ArrayList<>();
            for (String line : Files.readAllLines(outDir.resolve("crawl.jsonl"))) {
                JsonNode r = json.readTree(line);
                if ("fetched".equals(r.path("outcome").asText())) {
                    fetched.add(r.get("url").asText());
                }
            }
            Path list = outDir.resolve("urls-docs.txt");
            Files.write(list, fetched);
            JsonNode raw = processes.raw(list, FETCHERS);
            JsonNode p = c.get("process");
            double cpuMsPerPage = 1000 * p.get("cpuSeconds").asDouble() / fetched.size();
            double rssMiB = p.get("peakRssBytes").asDouble() / 1048576;
            out.printf(
                    Locale.ROOT,
                    "%ndocumentation site (%s, %d fetchers): %d pages, %.1f MB in %.2f s,"
                            + " %.1f pages/s (raw fetcher %.1f); %.2f ms CPU per page (target 6),"
                            + " peak RSS %.0f MiB (target 160)%n",
                    DOCS,
                    FETCHERS,
                    fetched.size(),
                    c.get("bytes").asDouble() / 1e6,
                    c.get("elapsedMs").asDouble() / 1000,
                    c.get("pagesPerSecond").asDouble(),
                    raw.get("pagesPerSecond").asDouble(),
                    cpuMsPerPage,
                    rssMiB);
            ObjectNode docs = report.putObject("documentation");
            docs.put("folder", DOCS.toString());
            docs.put("fetchers", FETCHERS);
            docs.set("crawler", c);
            docs.set("raw", raw);
            docs.put("cpuMsPerPage", Math.round(cpuMsPerPage * 100) / 100.0);
            docs.put("peakRssMiB", Math.round(rssMiB));
            return raw.get("fetched").asLong() == fetched.size();
        } finally {
            BenchProcesses.stop(server);
        }
    }
}
