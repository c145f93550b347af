package dev.crawler.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, deterministic website served on 127.0.0.1 with the JDK's built-in HTTP server, so that a
 * real crawl works offline: an index, sections, N pages of about 5 KB with ~10 links each, and a
 * few pages that exercise the crawler (a redirect, a 404, an image, a page that fails once with
 * 503, links that differ only by fragment or dot segments, a book shop under /shop/ to scrape (see
 * {@link DemoShop}), a robots.txt that disallows /private/ and names a sitemap listing pages linked
 * from nowhere else).
 *
 * <p>Thread-safe: requests are served on virtual threads; the only state is the per-path hit
 * counter behind the flaky page.
 */
final class DemoSite implements AutoCloseable {
    /** Pages linked from one section page. */
    static final int PAGES_PER_SECTION = SitePages.PAGES_PER_SECTION;

    /** Pages reachable only through the sitemap named in robots.txt. */
    static final int ORPHANS = SitePages.ORPHANS;

    private final HttpServer server;
    private final ExecutorService executor;
    private final int pages;
    private final SitePages site;
    private final Duration delay;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final boolean plain;

    /** Rendered (and gzipped) plain-mode responses, so the server is not the bottleneck. */
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    private DemoSite(
            HttpServer server, ExecutorService executor, int pages, Duration delay, boolean plain) {
        this.server = server;
        this.executor = executor;
        this.pages = pages;
        this.site =
                new SitePages(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                        pages);
        this.delay = delay;
        this.plain = plain;
    }

    /**
     * Starts a site on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one
     * @param pages number of content pages (at least 1)
     * @param delay added before every response (zero for none)
     */
    public static DemoSite start(int port, int pages, Duration delay) throws IOException {
        return start(port, pages, delay, false);
    }

    /**
     * Starts a site on 127.0.0.1; a {@code plain} site (for benchmarks) has only the index, the
     * sections and the pages, no robots.txt and none of the special pages, and serves responses
     * rendered once and cached.
     */
    public static DemoSite start(int port, int pages, Duration delay, boolean plain)
            throws IOException {
        if (pages < 1) {
            throw new IllegalArgumentException("pages must be at least 1: " + pages);
        }
        HttpServer server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        DemoSite site = new DemoSite(server, executor, pages, delay, plain);
        server.createContext("/", site::handle);
        server.start();
        return site;
    }

    /** The site's root URL, e.g. {@code http://127.0.0.1:41234/}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Number of content pages. */
    public int pages() {
        return pages;
    }

    /** Number of section pages. */
    public int sections() {
        return site.sections();
    }

    /**
     * Distinct URLs a full crawl admits: index, about, the redirect, the image, the missing page,
     * the flaky page, the private page, the sitemap, its orphan pages, the shop, the sections and
     * the pages. (robots.txt is fetched too, but is not a URL of the crawl.)
     */
    public int distinctUrls() {
        return plain ? 1 + sections() + pages : 8 + ORPHANS + DemoShop.urls() + sections() + pages;
    }

    /** The link graph of a plain site of {@code pages} pages: each path and the paths it links. */
    public static java.util.Map<String, java.util.List<String>> plainGraph(int pages) {
        return new SitePages(URI.create("http://127.0.0.1/"), pages).benchGraph();
    }

    /** Every URL of a plain site at {@code base}, index first: what a complete crawl fetches. */
    public static java.util.List<URI> plainUrls(URI base, int pages) {
        return SitePages.benchUrls(base, pages);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!delay.isZero()) {
                Thread.sleep(
                        delay); // simulated server latency, on the request's own virtual thread
            }
            String path = ex.getRequestURI().getPath();
            if (plain) {
                servePlain(ex, path);
                return;
            }
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "method not allowed");
            } else if (path.equals("/")) {
                html(ex, site.index());
            } else if (path.equals("/robots.txt")) {
                send(
                        ex,
                        200,
                        "text/plain",
                        "User-agent: *\nDisallow: /private/\n\nSitemap: "
                                + baseUrl().resolve("/sitemap.xml")
                                + "\n");
            } else if (path.equals("/sitemap.xml")) {
                send(ex, 200, "application/xml", site.sitemap());
            } else if (path.startsWith("/orphan/") || path.startsWith("/private/")) {
                html(
                        ex,
                        SitePages.page(
                                "Not linked",
                                "Only in the sitemap, or disallowed.",
                                path,
                                "<a href=\"/\">Home</a>"));
            } else if (path.equals("/about.html")) {
                html(
                        ex,
                        SitePages.page(
                                "About this site",
                                "Where the demo crawl starts and what it shows.",
                                "/about.html",
                                "<p>A deterministic site for crawling offline.</p><a href=\"/\">Home</a>"));
            } else if (path.startsWith("/shop/")) {
                java.util.Optional<String> shop = DemoShop.page(path);
                if (shop.isPresent()) {
                    html(ex, shop.get());
                } else {
                    send(ex, 404, "text/html", "<h1>Not found</h1>");
                }
            } else if (path.equals("/old-home")) {
                ex.getResponseHeaders().set("Location", "/");
                send(ex, 301, "text/plain", "moved");
            } else if (path.equals("/logo.png")) {
                send(ex, 200, "image/png", "\u0089PNG not really");
            } else if (path.equals("/flaky.html")) {
                int n = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                if (n == 1) {
                    ex.getResponseHeaders().set("Retry-After", "1");
                    send(ex, 503, "text/plain", "busy, come back later");
                } else {
                    html(
                            ex,
                            SitePages.page(
                                    "Flaky",
                                    "Fails once, then works.",
                                    path,
                                    "<a href=\"/\">Home</a>"));
                }
            } else if (path.startsWith("/section/")) {
                int k = SitePages.number(path.substring("/section/".length()));
                if (k < 0 || k >= sections()) {
                    send(ex, 404, "text/html", "<h1>Not found</h1>");
                } else {
                    html(ex, site.section(k));
                }
            } else if (path.startsWith("/page/") && path.endsWith(".html")) {
                int i =
                        SitePages.number(
                                path.substring(
                                        "/page/".length(), path.length() - ".html".length()));
                if (i < 0 || i >= pages) {
                    send(ex, 404, "text/html", "<h1>Not found</h1>");
                } else {
                    html(ex, site.content(i));
                }
            } else {
                send(ex, 404, "text/html", "<h1>Not found</h1>");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void servePlain(HttpExchange ex, String path) throws IOException {
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        boolean gzip = accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip");
        java.util.Optional<String> html = plainPage(path);
        if (html.isEmpty()) {
            send(ex, 404, "text/html", "<h1>Not found</h1>");
            return;
        }
        byte[] body =
                cache.computeIfAbsent(
                        (gzip ? "gz:" : "id:") + path, k -> SitePages.encode(html.get(), gzip));
        if (gzip) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private java.util.Optional<String> plainPage(String path) {
        if (path.equals("/")) {
            return java.util.Optional.of(site.benchIndex());
        }
        if (path.startsWith("/section/")) {
            int k = SitePages.number(path.substring("/section/".length()));
            return k >= 0 && k < sections()
                    ? java.util.Optional.of(site.section(k))
                    : java.util.Optional.empty();
        }
        if (path.startsWith("/page/") && path.endsWith(".html")) {
            int i =
                    SitePages.number(
                            path.substring("/page/".length(), path.length() - ".html".length()));
            return i >= 0 && i < pages
                    ? java.util.Optional.of(site.content(i))
                    : java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    private static void html(HttpExchange ex, String html) throws IOException {
        send(ex, 200, "text/html; charset=utf-8", html);
    }

    private static void send(HttpExchange ex, int status, String type, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept != null
                && accept.toLowerCase(Locale.ROOT).contains("gzip")
                && body.length > 512) {
            body = SitePages.encode(text, true);
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
