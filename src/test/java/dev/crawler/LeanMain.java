package dev.crawler;

import com.sun.net.httpserver.HttpServer;
import dev.crawler.testing.CrawlTester;
import dev.crawler.testing.TestCrawl;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A library user's plain crawl, run by {@link LeanClasspathTest} in a JVM without the optional
 * dependencies: a site of three pages, a handler, a rate limit; prints what it got.
 */
public final class LeanMain {
    private LeanMain() {}

    public static void main(String[] args) throws Exception {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(
                "/",
                ex -> {
                    String path = ex.getRequestURI().getPath();
                    String body =
                            path.equals("/")
                                    ? "<title>root</title><a href=/a>a</a><a href=/b>b</a>"
                                    : "<title>" + path + "</title>";
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "text/html");
                    ex.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
        try {
            TestCrawl crawl =
                    CrawlTester.create()
                            .config(c -> c.maxRequestsPerSecond(100))
                            .handler(p -> p.emit("page", Map.of("title", p.text("title"))))
                            .crawl("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            crawl.assertLedgerBalanced();
            System.out.println(
                    "fetched " + crawl.summary().fetched() + " items " + crawl.items().size());
        } finally {
            server.stop(0);
        }
    }
}
