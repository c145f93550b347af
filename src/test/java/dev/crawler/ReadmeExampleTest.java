package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the embedding example in README.md as it stands, and runs it against WireMock. */
class ReadmeExampleTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;

    @Test
    void theEmbeddingExampleCompilesAndRuns() throws Exception {
        compileSnippet("embedding-example", "CrawlExample");

        wm.stubFor(
                get(urlEqualTo("/"))
                        .willReturn(
                                ok("<title>Home</title><a href=/a>a</a><a href=/b>b</a>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlEqualTo("/a"))
                        .willReturn(
                                ok("<title>Page A</title>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(get(urlEqualTo("/b")).willReturn(aResponse().withStatus(404)));

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("CrawlExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {wm.baseUrl() + "/"});
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines)
                .contains(
                        wm.baseUrl() + "/ Home",
                        wm.baseUrl() + "/a Page A",
                        wm.baseUrl() + "/b FAILED HTTP 404");
        assertThat(lines).last().isEqualTo("2 fetched, 1 failed, 0 skipped");
    }

    @Test
    void theSinkExampleCompilesAndCounts() throws Exception {
        compileSnippet("sink-example", "HostCounter");

        wm.stubFor(
                get(urlEqualTo("/"))
                        .willReturn(
                                ok("<title>Home</title><a href=/a>a</a>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlEqualTo("/a"))
                        .willReturn(
                                ok("<title>A</title>").withHeader("Content-Type", "text/html")));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            dev.crawler.sink.CrawlSink sink =
                    (dev.crawler.sink.CrawlSink)
                            loader.loadClass("HostCounter").getConstructor().newInstance();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Crawler crawler = Crawler.builder().seeds(wm.baseUrl() + "/").sink(sink).build()) {
                crawler.run();
            }
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("localhost 2");
    }

    @Test
    void theScrapingExampleCompilesAndScrapesTheShop() throws Exception {
        compileSnippet("scraping-example", "BookScraper");
        ShopSite.stub(wm);
        Path items = dir.resolve("books.jsonl");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("BookScraper").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(
                    null,
                    (Object)
                            new String[] {
                                wm.baseUrl() + "/catalogue/page-1.html", items.toString()
                            });
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(ShopSite.books() + " books, 0 handler errors");
        List<String> lines = Files.readAllLines(items);
        assertThat(lines).hasSize(ShopSite.books());
        assertThat(lines)
                .contains(
                        "{\"type\":\"BOOK\",\"url\":\""
                                + wm.baseUrl()
                                + "/catalogue/book-4/index.html\",\"data\":{\"title\":\"Book 4\","
                                + "\"price\":\"£14.04\",\"listedOn\":\"/catalogue/page-2.html\"}}");
    }

    @Test
    void theTestingExampleCompilesAndPasses() throws Exception {
        compileSnippet("testing-example", "ShopCrawlTest");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> test = loader.loadClass("ShopCrawlTest");
            Object instance = test.getConstructor().newInstance();
            try {
                test.getMethod("scrapesEveryBookOfTheShop").invoke(instance);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new AssertionError("the README's test failed", e.getCause());
            }
        }
    }

    /** Compiles the README's code block marked {@code <!-- marker -->} into the temp folder. */
    private void compileSnippet(String marker, String className) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m =
                Pattern.compile("<!-- " + marker + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                        .matcher(readme);
        assertThat(m.find()).as("README has the block marked %s", marker).isTrue();
        Path source = dir.resolve(className + ".java");
        Files.writeString(source, m.group(1));
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc =
                ToolProvider.getSystemJavaCompiler()
                        .run(
                                null,
                                null,
                                diagnostics,
                                "-d",
                                dir.toString(),
                                "-cp",
                                classpath,
                                source.toString());
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    }
}
