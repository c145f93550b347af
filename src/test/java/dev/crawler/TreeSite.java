package dev.crawler;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A site of {@code n} pages {@code /p/0 .. /p/(n-1)} on 127.0.0.1, each linking to its two children
 * in a binary tree (so every page is reachable from {@code /p/0}), its parent and the root. Counts
 * the requests of every path, releases a permit per request served (a test blocks on {@link
 * #served} instead of polling), answers chosen paths with a chosen status, and sends an {@code
 * ETag} that a matching {@code If-None-Match} turns into a 304.
 */
final class TreeSite implements AutoCloseable {
    final int n;
    final Semaphore served = new Semaphore(0);

    /** A permit per request served, by {@code User-Agent} (to tell crawler processes apart). */
    final Map<String, Semaphore> servedTo = new ConcurrentHashMap<>();

    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final Map<String, Integer> statusOverrides = new ConcurrentHashMap<>();
    final AtomicInteger notModified = new AtomicInteger();
    private final long delayMillis;
    private final LoopbackServer server;

    TreeSite(int n, long delayMillis) throws IOException {
        this.n = n;
        this.delayMillis = delayMillis;
        this.server = new LoopbackServer(this::handle);
    }

    String url(int page) {
        return server.url("/p/" + page);
    }

    /** Every page URL, as the crawler writes them. */
    Set<String> allUrls() {
        return IntStream.range(0, n).mapToObj(this::url).collect(Collectors.toSet());
    }

    int requestsOf(int page) {
        AtomicInteger c = requests.get("/p/" + page);
        return c == null ? 0 : c.get();
    }

    /** Requests of this user agent wait (in flight) until {@link #releaseHeld()}. */
    private volatile String heldAgent = "";

    private final java.util.concurrent.CountDownLatch release =
            new java.util.concurrent.CountDownLatch(1);

    /** A permit per request that arrived and is being held. */
    final Semaphore held = new Semaphore(0);

    /** From now on, requests from {@code userAgent} are held in flight until released. */
    void holdRequestsOf(String userAgent) {
        heldAgent = userAgent;
    }

    void releaseHeld() {
        release.countDown();
    }

    int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (!heldAgent.isEmpty()
                    && heldAgent.equals(ex.getRequestHeaders().getFirst("User-Agent"))) {
                held.release();
                release.await(60, java.util.concurrent.TimeUnit.SECONDS); // in flight: leased
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis); // a slow server, so crawls take a while
            }
            int page = pageOf(path);
            Integer status = statusOverrides.get(path);
            if (page < 0 || status != null) {
                ex.sendResponseHeaders(status != null ? status : 404, -1);
                return;
            }
            String etag = "\"v1-" + page + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                return;
            }
            StringBuilder b =
                    new StringBuilder("<html><head><title>Page ")
                            .append(page)
                            .append("</title></head><body>");
            for (int link : new int[] {2 * page + 1, 2 * page + 2, (page - 1) / 2, 0}) {
                if (link < n) {
                    b.append("<a href=\"/p/").append(link).append("\">p</a> ");
                }
            }
            byte[] body = b.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            served.release();
            String agent = ex.getRequestHeaders().getFirst("User-Agent");
            servedTo.computeIfAbsent(agent == null ? "" : agent, a -> new Semaphore(0)).release();
        }
    }

    private int pageOf(String path) {
        if (!path.startsWith("/p/")) {
            return -1;
        }
        try {
            int page = Integer.parseInt(path.substring(3));
            return page >= 0 && page < n ? page : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
