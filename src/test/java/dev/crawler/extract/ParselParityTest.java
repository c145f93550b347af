package dev.crawler.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.request.CrawlRequest;
import dev.crawler.sink.Item;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our extraction agrees with Scrapy's selectors (parsel) on real pages no one here wrote: Scrapy's
 * own documentation as Debian ships it ({@code python-scrapy-doc}, 126 Sphinx pages). The rule file
 * below and {@code src/test/python/parsel_items.py} extract the same fields, one with our rules,
 * one as a Scrapy user would with parsel; every field of every item must match, whitespace aside
 * (and the empty fragment of an {@code href="#"}, which urljoin drops and browsers keep). {@code
 * make test} needs both packages ({@code .ci/run} installs them).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ParselParityTest {
    static final Path DOCS = Path.of("/usr/share/doc/python-scrapy-doc/html");
    static final String PYTHON = "/usr/bin/python3";

    static final String RULES =
            """
            - name: page
              fields:
                title: 'title'
                heading: 'h1'
                headings: { css: 'h2', all: true }
                ownFirstPara: 'p::own'
                links: { css: 'a.reference::attr(href)', all: true }
                firstLink: 'a.reference::attr(href)'
                generator: { meta: generator }
                viewport: { meta: viewport }
                navLinks: { xpath: '//div[@role="navigation"]//a', attr: href, all: true }
                project: { css: 'title', regex: '^(.*?) —' }
                codeNames: { css: 'code.xref', all: true, regex: '(\\w+)' }
            - name: section
              each: 'section, div.section'
              fields:
                id: '::attr(id)'
                heading: { xpath: './*[self::h2 or self::h3][1]', required: true }
                firstCode: 'code'
            """;

    @Test
    void everyFieldOfEveryItemMatchesParselOnScrapysDocs() throws Exception {
        List<Path> pages;
        try (Stream<Path> files = Files.walk(DOCS)) {
            pages =
                    files.filter(p -> p.toString().endsWith(".html"))
                            .filter(p -> !p.toString().contains("/_"))
                            .sorted()
                            .toList();
        }
        assertThat(pages).as("the pages of python-scrapy-doc").hasSizeGreaterThan(50);
        ObjectMapper json = new ObjectMapper();
        Rules rules = Rules.parse(new YAMLMapper().readTree(RULES), "parity rules");
        ArrayNode request = json.createArrayNode();
        Map<String, List<Item>> ours = new HashMap<>();
        for (Path page : pages) {
            String url = "http://docs.test/" + DOCS.relativize(page);
            request.addObject().put("file", page.toString()).put("url", url);
            byte[] body = Files.readAllBytes(page);
            Document doc = Jsoup.parse(new String(body, StandardCharsets.UTF_8), url);
            ResponseInfo info =
                    new ResponseInfo(
                            URI.create(url), 200, "text/html", body.length, Duration.ZERO, 0);
            Extraction x =
                    new Extractor(Router.builder().defaultHandler(rules).build())
                            .extract(
                                    CrawlRequest.seed(URI.create(url)), info, body, doc, List.of());
            assertThat(x.handlerFailed()).as(x.errors().toString()).isFalse();
            ours.put(url, x.items());
        }

        Process python = new ProcessBuilder(PYTHON, "src/test/python/parsel_items.py").start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(json.writeValueAsBytes(request));
        }
        List<JsonNode> theirs = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                theirs.add(json.readTree(line));
            }
        }
        String errors = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(errors).isZero();
        assertThat(theirs).hasSameSizeAs(pages);

        int fields = 0;
        int items = 0;
        for (JsonNode page : theirs) {
            String url = page.get("url").asText();
            List<Item> mine = ours.get(url);
            JsonNode expected = page.get("items");
            assertThat(mine).as("items of %s", url).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                JsonNode e = expected.get(i);
                Item a = mine.get(i);
                assertThat(a.type()).as("item %d of %s", i, url).isEqualTo(e.get("type").asText());
                JsonNode actual = json.valueToTree(a.data());
                for (Map.Entry<String, JsonNode> f : e.get("data").properties()) {
                    Object got = loose(actual.get(f.getKey()));
                    Object want = loose(f.getValue());
                    if (got instanceof List<?> g && want instanceof List<?> w) {
                        for (int k = 0; k < Math.min(g.size(), w.size()); k++) {
                            assertThat(g.get(k))
                                    .as(
                                            "%s: item %d (%s), field %s[%d]",
                                            url, i, a.type(), f.getKey(), k)
                                    .isEqualTo(w.get(k));
                        }
                    }
                    assertThat(got)
                            .as("%s: item %d (%s), field %s", url, i, a.type(), f.getKey())
                            .isEqualTo(want);
                    fields++;
                }
                assertThat(actual.size()).isEqualTo(e.get("data").size());
                items++;
            }
        }
        assertThat(items).isGreaterThan(600); // 126 pages and their sections
        assertThat(fields).isGreaterThan(2900);
    }

    /** A value with all whitespace removed (the one difference allowed), lists element-wise. */
    private static Object loose(JsonNode v) {
        if (v == null || v.isNull()) {
            return "<null>";
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(e -> out.add(loose(e)));
            return out;
        }
        String text = v.asText();
        if (text.startsWith("http://") && text.endsWith("#")) {
            // an href of "#": jsoup resolves it as browsers do (the WHATWG URL standard keeps the
            // empty fragment), Python's urljoin drops it; the same page either way
            text = text.substring(0, text.length() - 1);
        }
        StringBuilder b = new StringBuilder();
        text.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(b::appendCodePoint);
        return b.toString();
    }
}
