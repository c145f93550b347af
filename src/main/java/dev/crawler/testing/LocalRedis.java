package dev.crawler.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A throw-away {@code redis-server} from the system, on a free port of 127.0.0.1, without
 * persistence: to test a crawl whose frontier is shared ({@code CrawlConfig.builder().frontier(
 * redis.url(0))}), and for the cluster demo and its benchmark. Started and waited for by reading
 * its log until it says it is ready; stopped on close.
 *
 * <p>Thread-safety: the log is read on its own thread and kept under a lock; the rest is immutable
 * after start.
 */
public final class LocalRedis implements AutoCloseable {
    /** What is said when the binary cannot be found. */
    public static final String MISSING =
            "redis-server is not on the PATH (Debian: apt-get install redis-server; .ci/run"
                    + " installs it when it is missing)";

    private final Process process;
    private final int port;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> log = new ArrayList<>(); // guarded by lock

    /**
     * Starts the server and waits until it accepts connections.
     *
     * @throws IllegalStateException when there is no redis-server binary, or it did not start
     */
    public LocalRedis() throws IOException, InterruptedException {
        String binary = find();
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        process =
                new ProcessBuilder(
                                binary,
                                "--port",
                                String.valueOf(port),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--protected-mode",
                                "yes")
                        .redirectErrorStream(true)
                        .start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofPlatform()
                .daemon()
                .name("redis-server-log")
                .start(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    lock.lock();
                                    try {
                                        log.add(line);
                                    } finally {
                                        lock.unlock();
                                    }
                                    if (line.contains("Ready to accept connections")) {
                                        ready.complete(true);
                                    }
                                }
                            } catch (IOException e) {
                                // the server is gone
                            }
                            ready.complete(false);
                        });
        boolean up;
        try {
            up = ready.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            up = false;
        }
        if (!up) {
            process.destroyForcibly();
            throw new IllegalStateException("redis-server did not start: " + log());
        }
    }

    private static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String p : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException(MISSING);
    }

    /** The URL to give {@code --frontier}, on database {@code db}. */
    public String url(int db) {
        return "redis://127.0.0.1:" + port + "/" + db;
    }

    /** What the server printed so far. */
    public String log() {
        lock.lock();
        try {
            return String.join("\n", log);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
