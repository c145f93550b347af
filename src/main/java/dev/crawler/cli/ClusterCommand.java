package dev.crawler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.redis.RedisFrontier;
import dev.crawler.testing.LocalRedis;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crawler cluster}: one crawl shared by several crawler processes on this machine. Starts a
 * throw-away redis-server and the bundled site on 127.0.0.1, then N processes of {@code crawler
 * crawl --frontier ...} (this JVM's command and options), waits for them, and prints each one's
 * share and the crawl's ledger. {@code make cluster-demo} runs it with three processes; {@code make
 * bench-cluster} with 1, 2 and 4 on a site with 50 ms responses.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Serve the bundled site and a throw-away redis-server on 127.0.0.1 and crawl the"
                        + " site with N processes sharing one frontier.")
final class ClusterCommand implements Callable<Integer> {
    private final Console console;

    @Option(
            names = "--processes",
            paramLabel = "N",
            defaultValue = "3",
            description = "Crawler processes (default: ${DEFAULT-VALUE}).")
    int processes;

    @Mixin SiteOptions siteOptions = new SiteOptions();

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "16",
            description = "Fetchers per process (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--plain",
            description = "Only index, sections and pages (the benchmark's site).")
    boolean plain;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "target/cluster",
            description =
                    "Where each process writes its records and log (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Also write the figures as JSON to FILE.")
    Path json;

    ClusterCommand(Console console) {
        this.console = console;
    }

    /** What one process did. */
    private record Share(int process, int exitCode, long records) {}

    @Override
    public Integer call() throws Exception {
        if (processes < 1 || siteOptions.pages < 1 || workers < 1) {
            console.err().println("error: --processes, --pages and --workers must be at least 1");
            return ExitCodes.USAGE;
        }
        Files.createDirectories(dir);
        LocalRedis redis;
        try {
            redis = new LocalRedis();
        } catch (IllegalStateException e) {
            console.err()
                    .println(
                            "error: the cluster demo needs a local redis-server: "
                                    + e.getMessage());
            return ExitCodes.CRAWL_ERROR;
        }
        try (redis;
                DemoSite site = DemoSite.start(0, siteOptions.pages, siteOptions.delay, plain)) {
            console.err()
                    .printf(
                            Locale.ROOT,
                            "Site %s (%d URLs), Redis %s; %d processes of %d fetchers%n",
                            site.baseUrl(),
                            site.distinctUrls(),
                            redis.url(0),
                            processes,
                            workers);
            long start = System.nanoTime();
            List<Process> children = new ArrayList<>();
            for (int i = 1; i <= processes; i++) {
                children.add(start(i, site, redis));
            }
            List<Share> shares = new ArrayList<>();
            for (int i = 1; i <= processes; i++) {
                int code = children.get(i - 1).waitFor();
                shares.add(new Share(i, code, lines(dir.resolve("process-" + i + ".jsonl"))));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double crawlerCpu = childrenCpuSeconds();
            FrontierStats ledger;
            CrawlConfig config =
                    CrawlConfig.builder().frontier(redis.url(0)).crawlName("cluster").build();
            try (RedisFrontier shared = RedisFrontier.connect(config)) {
                ledger = shared.stats();
            }
            return report(shares, ledger, seconds, crawlerCpu, site.distinctUrls());
        }
    }

    private Process start(int i, DemoSite site, LocalRedis redis) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "crawl",
                        site.baseUrl().toString(),
                        "--frontier",
                        redis.url(0),
                        "--crawl-name",
                        "cluster",
                        "--workers",
                        String.valueOf(workers),
                        "--host-delay",
                        "0",
                        "--host-concurrency",
                        "100000",
                        "--max-depth",
                        "20",
                        "--out",
                        dir.resolve("process-" + i + ".jsonl").toString(),
                        "-q"));
        Files.deleteIfExists(dir.resolve("process-" + i + ".jsonl"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("process-" + i + ".log").toFile())
                .start();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /**
     * CPU seconds of the ended crawler processes (user + system, from {@code /proc/self/stat}: the
     * children this JVM waited for; not Redis, which is still running), or -1 where unknown.
     */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3; cutime and cstime are fields 16 and 17
            long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private int report(
            List<Share> shares,
            FrontierStats ledger,
            double seconds,
            double crawlerCpu,
            int siteUrls)
            throws IOException {
        long total = 0;
        boolean allOk = true;
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        ArrayNode each = out.putArray("processes");
        for (Share s : shares) {
            total += s.records();
            allOk &= s.exitCode() == 0;
            console.out()
                    .printf(
                            Locale.ROOT,
                            "process %d: %,7d records (%4.1f%%), exit %d%n",
                            s.process(),
                            s.records(),
                            100.0 * s.records() / Math.max(1, ledger.admitted()),
                            s.exitCode());
            each.addObject()
                    .put("process", s.process())
                    .put("records", s.records())
                    .put("exit", s.exitCode());
        }
        long fetched = ledger.fetched();
        console.out()
                .printf(
                        Locale.ROOT,
                        "total:     %,7d records; ledger: admitted %d = fetched %d + failed %d +"
                                + " skipped %d (+ %d outstanding)%n",
                        total,
                        ledger.admitted(),
                        fetched,
                        ledger.failed(),
                        ledger.skipped(),
                        ledger.outstanding());
        console.out()
                .printf(
                        Locale.ROOT,
                        "wall %.2f s, %.1f pages/s over the %d processes%n",
                        seconds,
                        fetched / seconds,
                        shares.size());
        if (crawlerCpu >= 0) {
            console.out()
                    .printf(
                            Locale.ROOT,
                            "crawler CPU %.1f s (%.2f ms per page)%n",
                            crawlerCpu,
                            1000 * crawlerCpu / Math.max(1, fetched));
        }
        console.out().flush();
        out.put("crawlerCpuSeconds", crawlerCpu);
        out.put("processCount", shares.size())
                .put("workersPerProcess", workers)
                .put("siteDelayMillis", siteOptions.delay.toMillis())
                .put("siteUrls", siteUrls)
                .put("records", total)
                .put("admitted", ledger.admitted())
                .put("fetched", fetched)
                .put("seconds", seconds)
                .put("pagesPerSecond", fetched / seconds);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
        }
        boolean adds =
                total == ledger.admitted()
                        && ledger.outstanding() == 0
                        && ledger.admitted() == fetched + ledger.failed() + ledger.skipped();
        if (!allOk || !adds) {
            console.err().println("error: a process failed or the ledger does not add up");
            return ExitCodes.CRAWL_ERROR;
        }
        return ExitCodes.OK;
    }
}
