package dev.crawler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's processes: the plain site, and each crawl or raw fetch, in a JVM of its own
 * started from this one's class path (runs with the launcher's options). Not thread-safe.
 */
final class BenchProcesses {
    private final Path outDir;
    private final ObjectMapper json = new ObjectMapper();
    private final String javaBin = ProcessHandle.current().info().command().orElse("java");
    private final String classpath = System.getProperty("java.class.path");

    BenchProcesses(Path outDir) {
        this.outDir = outDir;
    }

    /** Stops a site started by {@link #startSite}. */
    static void stop(Process site) throws InterruptedException {
        site.destroy();
        site.waitFor(10, TimeUnit.SECONDS);
    }

    /** One crawl of the site in a fresh JVM, all pages, politeness off; its summary. */
    JsonNode crawl(URI base, List<String> setting) throws IOException, InterruptedException {
        Path summary = outDir.resolve("crawl.json");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "crawl",
                                base.toString(),
                                "--out",
                                outDir.resolve("crawl.jsonl").toString(),
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

    /** One raw fetch of the URLs listed in {@code list} in a fresh JVM; its result. */
    JsonNode raw(Path list, int concurrency) throws IOException, InterruptedException {
        Path result = outDir.resolve("raw.json");
        run(
                List.of(
                        "bench-raw",
                        "--urls",
                        list.toString(),
                        "--concurrency",
                        String.valueOf(concurrency),
                        "--result",
                        result.toString()));
        return json.readTree(result.toFile());
    }

    /** The plain site in a JVM of its own; it prints its base URL first. */
    Process startSite(int pages, Duration delay) throws IOException {
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

    /** A folder of files served in a JVM of its own ({@code serve-site --dir}). */
    Process startFolder(Path folder) throws IOException {
        return start(
                List.of("serve-site", "--dir", folder.toString(), "--port", "0"),
                List.of("-Xmx256m"));
    }

    static URI baseOf(Process site) throws IOException {
        return URI.create(
                new BufferedReader(
                                new InputStreamReader(
                                        site.getInputStream(), StandardCharsets.UTF_8))
                        .readLine()
                        .trim());
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

    void run(List<String> args) throws IOException, InterruptedException {
        Process p = start(args, Bench.LAUNCHER_OPTS);
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("benchmark run failed with exit code " + rc + ": " + args);
        }
    }
}
