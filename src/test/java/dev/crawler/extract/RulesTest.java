package dev.crawler.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crawler.config.ConfigException;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.request.CrawlRequest;
import dev.crawler.sink.Item;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class RulesTest {
    static final URI BOOK = URI.create("http://shop.test/catalogue/a-light_1000/index.html");
    static final URI LIST = URI.create("http://shop.test/catalogue/page-1.html");

    static Rules rules(String yaml) throws ConfigException, IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        return Rules.parse(root, "rules.yaml");
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = RulesTest.class.getResourceAsStream("/pages/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Runs {@code handler} on a fixture page as the engine would. */
    static Extraction run(PageHandler handler, String fixture, URI url) throws IOException {
        byte[] body = fixture(fixture);
        Document doc = Jsoup.parse(new java.io.ByteArrayInputStream(body), null, url.toString());
        ResponseInfo info =
                new ResponseInfo(url, 200, "text/html", body.length, Duration.ofMillis(1), 0);
        Router router = Router.builder().defaultHandler(handler).build();
        return new Extractor(router).extract(CrawlRequest.seed(url), info, body, doc, List.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Item item) {
        return (Map<String, Object>) item.data();
    }

    @Test
    void everyFieldKindReadsTheBookPage() throws Exception {
        Rules r =
                rules(
                        """
                        - name: book
                          urls: '/catalogue/[^/]+/index\\.html$'
                          fields:
                            title: 'h1'
                            own: 'h1::own'
                            html: 'h1::html'
                            explicitText: 'h1::text'
                            category: 'a.cat::attr(href)'
                            cover: { css: 'img', attr: src }
                            tags: { css: 'ul.tags li', all: true }
                            covers: { css: 'img::attr(src)', all: true }
                            rating: { css: 'p.star-rating', attr: class, regex: 'star-rating (\\w+)' }
                            stock: { css: 'p.availability', regex: '\\((\\d+) available\\)' }
                            next: { xpath: '//link[@rel="next"]', attr: href }
                            heading: { xpath: '//div[@class="content"]/h1' }
                            price: { jsonld: 'Product.offers.price' }
                            prices: { jsonld: 'Product.offers.price', all: true }
                            product: { jsonld: 'Product.name' }
                            og: { meta: 'og:title' }
                            description: { meta: description }
                            missing: '.nothing'
                            missingList: { css: '.nothing', all: true }
                        """);
        Extraction x = run(r, "book.html", BOOK);
        assertThat(x.errors()).isEmpty();
        assertThat(x.items()).hasSize(1);
        Item item = x.items().get(0);
        assertThat(item.type()).isEqualTo("book");
        assertThat(item.url()).isEqualTo(BOOK);
        Map<String, Object> d = data(item);
        assertThat(d.get("title")).isEqualTo("A Light in the Attic");
        assertThat(d.get("own")).isEqualTo("A Light the Attic");
        assertThat(d.get("html")).isEqualTo("A Light <em>in</em> the Attic");
        assertThat(d.get("explicitText")).isEqualTo("A Light in the Attic");
        assertThat(d.get("category"))
                .isEqualTo("http://shop.test/catalogue/category/poetry_23/index.html");
        assertThat(d.get("cover")).isEqualTo("http://shop.test/media/cover.jpg");
        assertThat(d.get("tags")).isEqualTo(List.of("poetry", "children", "classics"));
        assertThat(d.get("covers")).isEqualTo(List.of("http://shop.test/media/cover.jpg"));
        assertThat(d.get("rating")).isEqualTo("Three");
        assertThat(d.get("stock")).isEqualTo("22");
        assertThat(d.get("next")).isEqualTo("http://shop.test/catalogue/page-2.html");
        assertThat(d.get("heading")).isEqualTo("A Light in the Attic");
        assertThat(d.get("price")).isEqualTo("51.77");
        assertThat(d.get("prices")).isEqualTo(List.of("51.77", "45.0"));
        assertThat(d.get("product")).isEqualTo("A Light in the Attic");
        assertThat(d.get("og")).isEqualTo("A Light in the Attic");
        assertThat(d.get("description")).isEqualTo("  Poems for children.  ");
        assertThat(d).containsEntry("missing", null);
        assertThat(d.get("missingList")).isEqualTo(List.of());
        assertThat(x.counts()).containsExactly(Map.entry("book", 1));
    }

    @Test
    void eachMakesOneItemPerElementAndRequiredDropsTheIncomplete() throws Exception {
        Rules r =
                rules(
                        """
                        - name: product
                          each: 'article.product_pod'
                          fields:
                            title: 'h3 a::attr(title)'
                            link: 'h3 a::attr(href)'
                            price: { css: 'p.price_color', regex: '([0-9.]+)' }
                            sku: { css: '.sku', required: true }
                        """);
        Extraction x = run(r, "list.html", LIST);
        assertThat(x.items())
                .extracting(i -> data(i).get("title"))
                .containsExactly("A Light in the Attic", "Soumission");
        assertThat(data(x.items().get(0)))
                .containsEntry(
                        "link", "http://shop.test/catalogue/a-light-in-the-attic_1000/index.html")
                .containsEntry("price", "51.77")
                .containsEntry("sku", "SKU-1");
        assertThat(x.errors())
                .containsExactly(
                        "rule 'product': an item not emitted: required field 'sku' had no match");
        assertThat(x.counts()).containsExactly(Map.entry("product", 2));
    }

    @Test
    void followRestrictsTheLinksOfTheRulesPages() throws Exception {
        Rules r =
                rules(
                        """
                        - name: listing
                          urls: 'page-\\d+\\.html'
                          follow: ['ul.pager li.next', 'article.product_pod h3']
                        - name: other
                          urls: 'nomatch'
                          follow: []
                        """);
        Extraction x = run(r, "list.html", LIST);
        assertThat(x.skipLinks()).isTrue();
        assertThat(x.follows()).hasSize(1);
        assertThat(x.follows().get(0).urls())
                .containsExactly(
                        "http://shop.test/catalogue/page-2.html",
                        "http://shop.test/catalogue/a-light-in-the-attic_1000/index.html",
                        "http://shop.test/catalogue/tipping-the-velvet_999/index.html",
                        "http://shop.test/catalogue/soumission_998/index.html");
        assertThat(x.items()).isEmpty();
        assertThat(x.counts()).containsExactly(Map.entry("listing", 0));

        Extraction none =
                run(rules("- name: x\n  urls: 'nomatch'\n  follow: []\n"), "list.html", LIST);
        assertThat(none.skipLinks()).isFalse(); // no rule with follow applied: links as today
    }

    @Test
    void columnsAreTheUnionOfFieldsInOrderOfFirstAppearance() throws Exception {
        Rules r =
                rules(
                        """
                        - name: a
                          fields: { title: 'h1', price: '.p' }
                        - name: b
                          fields: { sku: '.s', title: 'h2' }
                        """);
        assertThat(r.columns()).containsExactly("title", "price", "sku");
        assertThat(r.names()).containsExactly("a", "b");
        assertThat(r.toYaml()).contains("name: \"a\"").contains("sku: \".s\"");
    }

    @Test
    void urlAttributesResolveAgainstTheBaseHref(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] html =
                ("<html><head><base href='http://cdn.test/x/'></head><body>"
                                + "<a href='/root'>r</a><a href='rel'>l</a><a href='HTTPS://Other.test/A'>a</a>"
                                + "<a href='  /spaced  '>s</a></body></html>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Document doc =
                Jsoup.parse(
                        new String(html, java.nio.charset.StandardCharsets.UTF_8), LIST.toString());
        ResponseInfo info = new ResponseInfo(LIST, 200, "text/html", html.length, Duration.ZERO, 0);
        Rules r = rules("- name: l\n  fields:\n    links: { css: 'a::attr(href)', all: true }\n");
        Extraction x =
                new Extractor(Router.builder().defaultHandler(r).build())
                        .extract(CrawlRequest.seed(LIST), info, html, doc, List.of());
        assertThat(data(x.items().get(0)).get("links"))
                .isEqualTo(
                        List.of(
                                "http://cdn.test/root",
                                "http://cdn.test/x/rel",
                                "HTTPS://Other.test/A",
                                "http://cdn.test/spaced"));
    }

    @Test
    void badRulesAreNamedWithRuleFieldAndReason() {
        assertBad(
                "- name: book\n  fields:\n    price: 'p..x'\n",
                "rules.yaml: rule 'book', field 'price': invalid CSS selector 'p..x'");
        assertBad(
                "- name: book\n  fields:\n    price: { css: 'p', regex: '([0-9' }\n",
                "rules.yaml: rule 'book', field 'price': invalid regular expression '([0-9'");
        assertBad(
                "- name: book\n  fields:\n    n: { xpath: '//a[' }\n",
                "rules.yaml: rule 'book', field 'n': invalid XPath '//a['");
        assertBad(
                "- name: book\n  fields:\n    n: 'h1::texts'\n",
                "rules.yaml: rule 'book', field 'n': unknown pseudo-element '::texts'");
        assertBad(
                "- name: book\n  fields:\n    n: { xpath: 'count(//a)' }\n",
                "rules.yaml: rule 'book', field 'n': XPath 'count(//a)' must select elements");
        assertBad(
                "- name: book\n  colour: red\n",
                "rules.yaml: rule 'book': unknown key 'colour' (known: name, urls, each, follow, fields)");
        assertBad(
                "- name: book\n  fields:\n    n: { css: 'h1', multiple: true }\n",
                "rules.yaml: rule 'book', field 'n': unknown key 'multiple'");
        assertBad(
                "- name: book\n  fields:\n    n: { css: 'h1', xpath: '//h1' }\n",
                "rules.yaml: rule 'book', field 'n': give exactly one of css, xpath, jsonld, meta (found css, xpath)");
        assertBad(
                "- name: book\n  urls: '(['\n",
                "rules.yaml: rule 'book', key 'urls': invalid regular expression '(['");
        assertBad(
                "- name: book\n  each: 'div >> p'\n",
                "rules.yaml: rule 'book', key 'each': invalid CSS selector");
        assertBad(
                "- name: book\n  follow: ['ul..x']\n",
                "rules.yaml: rule 'book', key 'follow': invalid CSS selector 'ul..x'");
        assertBad("- fields: { a: 'h1' }\n", "rules.yaml: rule 1: needs a name");
        assertBad("- name: a\n- name: a\n", "rules.yaml: rule 'a': another rule has this name");
        assertBad("name: a\n", "rules.yaml: expected a list of rules at the top");
        assertBad(
                "- name: a\n  fields:\n    n: { css: 'h1', all: 'yes' }\n",
                "rules.yaml: rule 'a', field 'n': 'all' must be true or false");
        assertBad(
                "- name: a\n  fields:\n    n: { jsonld: 'Product..price' }\n",
                "rules.yaml: rule 'a', field 'n': jsonld path 'Product..price' must be");
        assertBad(
                "- name: a\n  fields:\n    n: { css: 'a::attr(href)', attr: src }\n",
                "rules.yaml: rule 'a', field 'n': give the attribute as ::attr(NAME) or as attr, not both");
    }

    private static void assertBad(String yaml, String message) {
        assertThatThrownBy(() -> rules(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aRuleFileIsReadFromDisk(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path f = dir.resolve("r.yaml");
        java.nio.file.Files.writeString(f, "- name: t\n  fields: { title: title }\n");
        Extraction x = run(Rules.load(f), "list.html", LIST);
        assertThat(data(x.items().get(0))).containsEntry("title", "All products");
        assertThatThrownBy(() -> Rules.load(dir.resolve("none.yaml")))
                .hasMessageContaining("no such rule file");
        java.nio.file.Files.writeString(f, "- name: [\n");
        assertThatThrownBy(() -> Rules.load(f)).hasMessageContaining("not valid YAML");
    }

    @Test
    void aHandlerThatThrowsFailsOnlyItsExtraction() throws Exception {
        Extraction x =
                run(
                        page -> {
                            page.emit(Map.of("a", 1));
                            throw new IllegalStateException("boom");
                        },
                        "list.html",
                        LIST);
        assertThat(x.handlerFailed()).isTrue();
        assertThat(x.errors())
                .containsExactly("handler failed: java.lang.IllegalStateException: boom");
        assertThat(x.items()).hasSize(1); // what it emitted before it threw is kept
        assertThat(Optional.of(x.items().get(0).type())).contains("item");
    }
}
