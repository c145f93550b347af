package dev.crawler.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Saved pages served again as a site on 127.0.0.1, so a crawl test runs against real pages with no
 * network: a folder of files ({@code DIR/a/b.html} is {@code /a/b.html}, a folder's {@code
 * index.html} is the folder) or the responses of a WARC file (each at its target's path and query,
 * with its status, content type and body as archived, its content coding removed). Anything else is
 * a 404. Thread-safe: requests are served on virtual threads from an immutable map.
 *
 * <pre>{@code
 * try (ReplaySite site = ReplaySite.fromWarc(Path.of("crawl-00000.warc.gz"))) {
 *     TestCrawl crawl = CrawlTester.create().crawl(site.url("/"));
 * }
 * }</pre>
 */
public final class ReplaySite implements AutoCloseable {
    /** One saved response. */
    private record Saved(int status, String contentType, byte[] body) {}

    private final Map<String, Saved> pages;
    private final HttpServer server;
    private final ExecutorService executor;

    private ReplaySite(Map<String, Saved> pages) throws IOException {
        this.pages = Map.copyOf(pages);
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Serves the files under {@code dir}. */
    public static ReplaySite fromFolder(Path dir) throws IOException {
        Map<String, Saved> pages = new ConcurrentHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String path = "/" + dir.relativize(f).toString().replace('\\', '/');
                Saved saved = new Saved(200, contentType(path), Files.readAllBytes(f));
                pages.put(path, saved);
                if (path.endsWith("/index.html") || path.equals("/index.html")) {
                    pages.put(path.substring(0, path.length() - "index.html".length()), saved);
                }
            }
        }
        return new ReplaySite(pages);
    }

    /** Serves the responses archived in {@code warc} (gzipped or not). */
    public static ReplaySite fromWarc(Path warc) throws IOException {
        Map<String, Saved> pages = new ConcurrentHashMap<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord record : reader) {
                if (record instanceof WarcResponse r) {
                    URI target = URI.create(r.target());
                    String key =
                            (target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                                    + (target.getRawQuery() == null
                                            ? ""
                                            : "?" + target.getRawQuery());
                    byte[] body = r.http().bodyDecoded().stream().readAllBytes();
                    String type = r.http().headers().first("Content-Type").orElse("text/html");
                    pages.putIfAbsent(key, new Saved(r.http().status(), type, body));
                }
            }
        }
        return new ReplaySite(pages);
    }

    /** The absolute URL of {@code path} on this site. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How many saved responses the site serves. */
    public int size() {
        return pages.size();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            URI u = ex.getRequestURI();
            String key = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            Saved saved =
                    Optional.ofNullable(pages.get(key))
                            .orElse(
                                    new Saved(
                                            404,
                                            "text/plain",
                                            "not saved"
                                                    .getBytes(
                                                            java.nio.charset.StandardCharsets
                                                                    .UTF_8)));
            ex.getResponseHeaders().set("Content-Type", saved.contentType());
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(saved.status(), head ? -1 : saved.body().length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(saved.body());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String contentType(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".html") || p.endsWith(".htm") || p.endsWith("/")) {
            return "text/html; charset=utf-8";
        }
        if (p.endsWith(".xml")) return "application/xml";
        if (p.endsWith(".txt")) return "text/plain; charset=utf-8";
        if (p.endsWith(".json")) return "application/json";
        if (p.endsWith(".png")) return "image/png";
        if (p.endsWith(".jpg") || p.endsWith(".jpeg")) return "image/jpeg";
        return "application/octet-stream";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
