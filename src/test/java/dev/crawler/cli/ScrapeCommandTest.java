package dev.crawler.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code crawl --extract RULES --items FILE}: rules checked before any request, items out. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScrapeCommandTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ObjectMapper json = new ObjectMapper();

    static final String RULES =
            """
            - name: page
              fields:
                title: title
                heading: { css: 'h1', required: true }
                links: { css: 'a::attr(href)', all: true }
            """;

    @BeforeEach
    void site() {
        wm.stubFor(
                get(urlEqualTo("/"))
                        .willReturn(
                                ok("<html><title>Root</title><h1>Home</h1><a href=\"/a\">a</a></html>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlEqualTo("/a"))
                        .willReturn(
                                ok("<html><title>A, \"quoted\"</title><h1>A</h1></html>")
                                        .withHeader("Content-Type", "text/html")));
    }

    private int run(String... args) {
        return Main.run(TestConsoles.capturing(out, err, ""), args);
    }

    private Path rules(String yaml) throws Exception {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void writesJsonLinesItemsBesideThePageRecords() throws Exception {
        Path items = dir.resolve("items.jsonl");
        Path pages = dir.resolve("crawl.jsonl");
        int code =
                run(
                        "crawl",
                        wm.baseUrl() + "/",
                        "--out",
                        pages.toString(),
                        "--extract",
                        rules(RULES).toString(),
                        "--items",
                        items.toString(),
                        "--host-delay",
                        "0",
                        "--ignore-robots",
                        "--quiet");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Files.readAllLines(items);
        assertThat(lines).hasSize(2);
        JsonNode root =
                lines.stream()
                        .map(this::tree)
                        .filter(n -> n.get("url").asText().endsWith("/"))
                        .findFirst()
                        .orElseThrow();
        assertThat(root.get("type").asText()).isEqualTo("page");
        assertThat(root.get("data").toString())
                .isEqualTo(
                        "{\"title\":\"Root\",\"heading\":\"Home\",\"links\":[\""
                                + wm.baseUrl()
                                + "/a\"]}");
        JsonNode record =
                Files.readAllLines(pages).stream()
                        .map(this::tree)
                        .filter(n -> n.get("url").asText().endsWith("/"))
                        .findFirst()
                        .orElseThrow();
        assertThat(record.get("items").toString()).isEqualTo("{\"page\":1}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("items      2");
    }

    @Test
    void writesCsvWhenTheItemsFileEndsInCsv() throws Exception {
        Path items = dir.resolve("items.csv");
        int code =
                run(
                        "crawl",
                        wm.baseUrl() + "/",
                        "--out",
                        dir.resolve("c.jsonl").toString(),
                        "--extract",
                        rules(RULES).toString(),
                        "--items",
                        items.toString(),
                        "--host-delay",
                        "0",
                        "--ignore-robots",
                        "--quiet");
        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(items);
        assertThat(lines.get(0)).isEqualTo("type,url,title,heading,links");
        assertThat(lines)
                .contains("page," + wm.baseUrl() + "/a,\"A, \"\"quoted\"\"\",A,[]")
                .contains(
                        "page,"
                                + wm.baseUrl()
                                + "/,Root,Home,\"[\"\""
                                + wm.baseUrl()
                                + "/a\"\"]\"");
    }

    @Test
    void badRulesAreRefusedBeforeAnyRequestWithExitCode2() throws Exception {
        Path bad = rules("- name: book\n  fields:\n    price: 'p..x'\n");
        Path keep = dir.resolve("keep.jsonl");
        Files.writeString(keep, "precious\n");
        int code =
                run(
                        "crawl",
                        wm.baseUrl() + "/",
                        "--extract",
                        bad.toString(),
                        "--items",
                        keep.toString(),
                        "--ignore-robots");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "error: "
                                + bad
                                + ": rule 'book', field 'price': invalid CSS selector 'p..x'");
        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(Files.readString(keep)).isEqualTo("precious\n");
    }

    @Test
    void itemsWithoutRulesIsAUsageError() {
        int code = run("crawl", wm.baseUrl() + "/", "--items", dir.resolve("i.jsonl").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--items (items) needs --extract");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void printConfigShowsTheRules() throws Exception {
        Path r = rules(RULES);
        int code = run("crawl", "--extract", r.toString(), "--print-config");
        assertThat(code).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("extract: \"" + r + "\"").contains("# rules from " + r);
        assertThat(printed).contains("name: \"page\"").contains("required: true");
    }

    @Test
    void theConfigFileCarriesTheExtractAndItemsKeys() throws Exception {
        Path items = dir.resolve("from-config.jsonl");
        Path config = dir.resolve("c.yaml");
        Files.writeString(
                config,
                "extract: "
                        + rules(RULES)
                        + "\nitems: "
                        + items
                        + "\nhost-delay: 0s\n"
                        + "respect-robots: false\n");
        int code =
                run(
                        "crawl",
                        wm.baseUrl() + "/",
                        "--config",
                        config.toString(),
                        "--out",
                        dir.resolve("c.jsonl").toString(),
                        "--quiet");
        assertThat(code).isZero();
        assertThat(Files.readAllLines(items)).hasSize(2);
    }

    private JsonNode tree(String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
