package dev.crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsoupPageParserTest {
    private final JsoupPageParser parser = new JsoupPageParser();

    @Test
    void extractsTitleLinksAndMetadata() {
        String html =
                """
                <html><head><title> Hello </title>
                <meta name="description" content=" A page. ">
                <link rel="canonical" href="/canon"></head>
                <body><p>Some text</p>
                <a href="a.html">a</a> <a href="/b">b</a> <a href="a.html">again</a>
                <a href="https://other.example/x">x</a> <area href="/map"> <a>no href</a>
                </body></html>""";
        ParsedPage p =
                parser.parse(
                        html.getBytes(StandardCharsets.UTF_8),
                        Optional.empty(),
                        URI.create("http://example.com/dir/page"));
        assertThat(p.title()).isEqualTo("Hello");
        assertThat(p.description()).contains("A page.");
        assertThat(p.canonical()).contains("http://example.com/canon");
        assertThat(p.links())
                .containsExactly(
                        "http://example.com/dir/a.html",
                        "http://example.com/b",
                        "https://other.example/x",
                        "http://example.com/map");
    }

    @Test
    void honoursBaseHref() {
        String html =
                "<html><head><base href=\"http://cdn.example/root/\"></head><body><a href=\"x\">x</a></body></html>";
        ParsedPage p =
                parser.parse(
                        html.getBytes(StandardCharsets.UTF_8),
                        Optional.empty(),
                        URI.create("http://example.com/"));
        assertThat(p.links()).containsExactly("http://cdn.example/root/x");
    }

    @Test
    void usesTheDeclaredCharsetOrDetectsIt() {
        byte[] latin1 =
                "<html><title>caf\u00e9</title></html>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(
                        parser.parse(
                                        latin1,
                                        Optional.of(StandardCharsets.ISO_8859_1),
                                        URI.create("http://e.com/"))
                                .title())
                .isEqualTo("caf\u00e9");
        byte[] meta =
                "<html><head><meta charset=\"iso-8859-1\"><title>caf\u00e9</title></head></html>"
                        .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(meta, Optional.empty(), URI.create("http://e.com/")).title())
                .isEqualTo("caf\u00e9");
        byte[] sjis =
                "<html><title>\u65e5\u672c</title></html>".getBytes(Charset.forName("Shift_JIS"));
        assertThat(
                        parser.parse(
                                        sjis,
                                        Optional.of(Charset.forName("Shift_JIS")),
                                        URI.create("http://e.com/"))
                                .title())
                .isEqualTo("\u65e5\u672c");
    }

    @Test
    void survivesGarbage() {
        byte[] junk = new byte[4096];
        new java.util.Random(42).nextBytes(junk);
        ParsedPage p = parser.parse(junk, Optional.empty(), URI.create("http://e.com/"));
        assertThat(p.title()).isNotNull();
        ParsedPage broken =
                parser.parse(
                        "<html><title>x<a href='/y'><<<</td></html"
                                .getBytes(StandardCharsets.UTF_8),
                        Optional.empty(),
                        URI.create("http://e.com/"));
        assertThat(broken).isNotNull();
    }

    @Test
    void skipsNofollowLinksAndReadsMetaRobots() {
        String html =
                "<html><head><meta name=\"robots\" content=\"NOINDEX\"></head><body>"
                        + "<a href=\"/a\" rel=\"nofollow\">a</a><a href=\"/b\" rel=\"noopener\">b</a></body></html>";
        ParsedPage p =
                parser.parse(
                        html.getBytes(StandardCharsets.UTF_8),
                        Optional.empty(),
                        URI.create("http://e.com/"));
        assertThat(p.links()).containsExactly("http://e.com/b");
        assertThat(p.directives()).isEqualTo(new Directives(true, false));
    }

    @Test
    void aBaseHrefOnAnotherHostResolvesRootRelativeLinksToo() {
        String html =
                "<html><head><base href=\"http://cdn.example/root/\"></head><body>"
                        + "<a href=\"/top\">1</a><a href=\"../up.html\">2</a></body></html>";
        ParsedPage p =
                parser.parse(
                        html.getBytes(StandardCharsets.UTF_8),
                        Optional.empty(),
                        URI.create("http://e.com/dir/page"));
        // before: "/top" went to the page's own host, not the base's
        assertThat(p.links())
                .containsExactly("http://cdn.example/top", "http://cdn.example/up.html");
    }

    @Test
    void resolvesEveryKindOfHrefAgainstTheBase() {
        String html =
                "<a href=\"HTTP://Other.example/x\">1</a><a href=\" /root?q=1 \">2</a><a href=\"//cdn.example/y\">3</a>"
                        + "<a href=\"rel/z\">4</a><a href=\"?only=query\">5</a><a href=\"#frag\">6</a><a href=\"../up\">7</a>";
        ParsedPage p =
                parser.parse(
                        html.getBytes(StandardCharsets.UTF_8),
                        Optional.empty(),
                        URI.create("http://example.com:8080/dir/page"));
        assertThat(p.links())
                .containsExactly(
                        "HTTP://Other.example/x",
                        "http://example.com:8080/root?q=1",
                        "http://cdn.example/y",
                        "http://example.com:8080/dir/rel/z",
                        "http://example.com:8080/dir/page?only=query",
                        "http://example.com:8080/dir/page#frag",
                        "http://example.com:8080/up");
    }
}
