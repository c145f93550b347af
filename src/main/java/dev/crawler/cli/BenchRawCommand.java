package dev.crawler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crawler bench-raw}: one raw-fetch run for the benchmark (run in a JVM of its own). */
@Command(
        name = "bench-raw",
        hidden = true,
        description = "Fetch a URL list with plain HttpClient (benchmark ceiling).")
final class BenchRawCommand implements Callable<Integer> {
    @Option(names = "--urls", required = true)
    Path urls;

    @Option(names = "--concurrency", required = true)
    int concurrency;

    @Option(names = "--result", required = true)
    Path result;

    @Override
    public Integer call() throws Exception {
        List<URI> list =
                Files.readAllLines(urls).stream()
                        .filter(l -> !l.isBlank())
                        .map(URI::create)
                        .toList();
        RawFetch.Result r = RawFetch.run(list, concurrency);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("fetched", r.ok());
        o.put("failed", r.failed());
        o.put("elapsedMs", r.wall().toMillis());
        o.put(
                "pagesPerSecond",
                Math.round(r.ok() / Math.max(1e-9, r.wall().toNanos() / 1e9) * 10) / 10.0);
        ObjectNode latency = o.putObject("latencyMs");
        latency.put("p50", r.latencyMicros().getValueAtPercentile(50) / 1000);
        latency.put("p99", r.latencyMicros().getValueAtPercentile(99) / 1000);
        o.set("process", SummaryJson.process(mapper));
        Files.write(result, mapper.writeValueAsBytes(o));
        return ExitCodes.OK;
    }
}
