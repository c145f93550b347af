package dev.crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The light parse (one pass, no document) gives what jsoup's document gives: on real pages, on
 * pages written to trip a tokenizer, and on random mixes of both.
 */
class LightParseTest {
    private static final URI URL = URI.create("https://site.example/docs/guide/page.html?x=1");
    private final JsoupPageParser parser = new JsoupPageParser(5_000);

    private void agrees(String what, byte[] body, Optional<Charset> charset, URI url) {
        ParsedPage full = parser.parse(body, charset, url);
        ParsedPage light = parser.scan(body, charset, url);
        assertThat(light).as(what).isEqualTo(full);
    }

    private void agrees(String html) {
        agrees(html, html.getBytes(StandardCharsets.UTF_8), Optional.empty(), URL);
    }

    @Test
    void agreesOnScrapysDocumentation() throws IOException {
        for (Path p : ScrapyDocs.pages()) {
            agrees(p.toString(), Files.readAllBytes(p), Optional.empty(), ScrapyDocs.url(p));
        }
    }

    /** Markup that trips a naive scanner; each is checked against jsoup. */
    static final List<String> TRICKY =
            List.of(
                    "<title>A &amp; B</title><a href=/x>x</a>",
                    "<TITLE>  Upper\n  case  </TITLE><A HREF='/Y'>y</A>",
                    "<html><head><title>first</title><title>second</title></head></html>",
                    "<p>body text</p><title>not the title</title>",
                    "text first<title>not in head</title>",
                    "<head></head><title>after head, still head</title><body></body>",
                    "<div><svg><title>svg</title></svg></div>",
                    "<script>var s = '<a href=\"/in-script\">';</script><a href=/real>r</a>",
                    "<style>a[href='/in-style'] {}</style><a href=/after-style>s</a>",
                    "<!-- <a href=/commented>c</a> --><a href=/uncommented>u</a>",
                    "<!--> <a href=/a1>a</a>",
                    "<!---> <a href=/a2>a</a> -->",
                    "<textarea><a href=/in-textarea></textarea><a href=/after>x</a>",
                    "<a href=\"/q?a=1&amp;b=2\">q</a><a href=\"/q?a=1&b=2&copy=3\">e</a>",
                    "<a href=/dup href=/second>d</a>",
                    "<a rel=\"nofollow noopener\" href=/nf>nf</a><a rel=follow href=/f>f</a>",
                    "<a href=''>empty</a><a href=#frag>f</a><a href=?q=2>q</a><a href=../up>u</a>",
                    "<a href=\" /spaces \">s</a><a href=\"\t/tab\">t</a>",
                    "<a href=mailto:x@y.z>m</a><a href=javascript:void(0)>j</a>",
                    "<a href=//other.example/p>p</a><a href=HTTPS://UP.example/P>u</a>",
                    "<base href=\"https://base.example/dir/\"><a href=rel>r</a>",
                    "<a href=early>e</a><base href=/b/><a href=late>l</a>",
                    "<base target=_blank><base href=/first/><base href=/second/><a href=x>x</a>",
                    "<a href=x>x</a><bAsE HrEf=/mixed/><a href=y>y</a>",
                    "<LIN\u212A REL=canonical HREF=/kelvin><\u017Fcript><a href=/s>s</a>",
                    "<A HREF=/upper REL=NOFOLLOW>u</A><Meta NAME=ROBOTS CONTENT=NOINDEX>",
                    "<base href=\"\"><base href=/after-empty/><a href=z>z</a>",
                    "<meta name=description content=\" A description \"><meta name=Description"
                            + " content=second>",
                    "<meta name=robots content=\"noindex\"><meta name=ROBOTS content=nofollow>",
                    "<link rel=canonical href=/canon><link rel=CANONICAL href=/second>",
                    "<link rel=\"canonical alternate\" href=/not>",
                    "<area href=/area><map><area href=/area2 nohref></map>",
                    "<a\nhref\n=\n\"/newlines\"\n>n</a><a href=/unterminated",
                    "<a href=/x/y/../z>d</a><a href=./here>h</a><a href=a/./b/../c>c</a>",
                    "<p><a href=\"/café\">u</a><a href=\"/a%20b c\">s</a>",
                    "<plaintext><a href=/never>n</a>",
                    "<noscript><a href=/in-noscript>n</a></noscript>",
                    "<template><a href=/in-template>t</a></template>",
                    "<?xml version=\"1.0\"?><a href=/xml>x</a>",
                    "<!DOCTYPE html><a href=/doctype>d</a><a href =/spaced-eq>s</a>",
                    "<a href=/a>one</a><a href=/a>again</a><a href=/b#x>b</a><a href=/b#y>b</a>",
                    "<title>Entities &lt;&gt; &nbsp; &#x41;&#66; &unknown;</title>",
                    "<script>document.write('</scr' + 'ipt>')</script><a href=/after-tricky>a</a>",
                    "<ScRiPt>x</sCrIpT><a href=/mixed-case>m</a>",
                    "<a href=/a title='>'>gt in value</a><a href=\"/b\" title=\"<\">lt</a>",
                    "<textarea>never ended <a href=/after-unended-textarea>x</a>",
                    "<title>never ended <b>b</b><a href=/after-unended-title>t</a>",
                    "<title>x</titlex><a href=/after-false-end>t</a>");

    @Test
    void agreesOnMarkupThatTripsATokenizer() {
        for (String html : TRICKY) {
            agrees(html);
        }
    }

    @Test
    void decodesAsJsoupDoes() {
        byte[] latin =
                "<meta charset=iso-8859-1><title>caf\u00e9</title>"
                        .getBytes(StandardCharsets.ISO_8859_1);
        agrees("meta charset", latin, Optional.empty(), URL);
        byte[] equiv =
                "<meta http-equiv=Content-Type content='text/html; charset=windows-1252'><title>\u20ac</title>"
                        .getBytes(Charset.forName("windows-1252"));
        agrees("http-equiv", equiv, Optional.empty(), URL);
        agrees("declared wins", latin, Optional.of(StandardCharsets.UTF_8), URL);
        byte[] bom = ("\ufeff<title>bom</title>").getBytes(StandardCharsets.UTF_8);
        agrees("utf-8 bom", bom, Optional.of(StandardCharsets.ISO_8859_1), URL);
        byte[] utf16 = ("\ufeff<title>sixteen</title>").getBytes(StandardCharsets.UTF_16BE);
        agrees("utf-16 bom", utf16, Optional.empty(), URL);
        agrees(
                "bogus charset",
                "<meta charset=nope><title>x</title>".getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                URL);
        String latinTitle = "<title>caf\u00e9 \u00e0 \u00ff</title><a href=/\u00e9t\u00e9>x</a>";
        String pad = "<p>" + "x".repeat(5 * 1024) + "</p>";
        for (String page :
                List.of(
                        "<mEta charset=windows-1252>" + latinTitle,
                        "<meta charset=nope><meta charset=iso-8859-1>" + latinTitle,
                        "<meta name=x><meta http-equiv=content-type content='text/html'>"
                                + "<meta charset=iso-8859-1>"
                                + latinTitle,
                        "<base href=/other/><meta charset=iso-8859-1>" + latinTitle,
                        "<noscript><meta charset=iso-8859-1></noscript>" + latinTitle,
                        "<!-- <meta charset=iso-8859-1> -->" + latinTitle,
                        pad + "<meta charset=iso-8859-1>" + latinTitle,
                        "x".repeat(5 * 1024 - 20) + "<meta charset=iso-8859-1>" + latinTitle,
                        "<?xml version='1.0' encoding='iso-8859-1'?>" + latinTitle)) {
            agrees(page, page.getBytes(StandardCharsets.ISO_8859_1), Optional.empty(), URL);
        }
    }

    @Test
    void agreesOnRandomMixes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder html = new StringBuilder();
            int parts = 1 + random.nextInt(8);
            for (int k = 0; k < parts; k++) {
                html.append(TRICKY.get(random.nextInt(TRICKY.size())));
                if (random.nextInt(4) == 0) html.append(" text ");
            }
            agrees(html.toString());
        }
    }

    /** Markup with text that is not ASCII, in names, values, titles and text. */
    static final List<String> WIDE =
            List.of(
                    "<title>caf\u00e9 \u65e5\u672c\u8a9e \u20ac</title>",
                    "<a href='/caf\u00e9'>\u00e9</a><a href=\"/\u65e5\u672c?q=\u20ac\">x</a>",
                    "<p>\u00fc\u00df</p><a h\u00e9ref=/no href=/yes>y</a>",
                    "<\u00e9t\u00e9 href=/not-a-tag><a href=\u00e9t\u00e9.html>r</a>",
                    "<meta name=description content='\u00c0 la carte &amp; \u00e7a'>",
                    "<link rel=canonical href=/canon\u00ee\u00e7al>");

    /**
     * The scan reads UTF-8 and single-byte text as bytes and makes other text UTF-8 first: every
     * encoding, and UTF-8 with broken sequences, must still give what jsoup's document gives.
     */
    @Test
    void agreesOnTextInEveryEncodingAndOnBrokenUtf8() {
        List<Charset> charsets =
                List.of(
                        StandardCharsets.UTF_8,
                        StandardCharsets.ISO_8859_1,
                        Charset.forName("windows-1252"),
                        Charset.forName("Shift_JIS"),
                        StandardCharsets.UTF_16LE,
                        StandardCharsets.US_ASCII);
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder html = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int k = 0; k < parts; k++) {
                List<String> from = random.nextBoolean() ? WIDE : TRICKY;
                html.append(from.get(random.nextInt(from.size())));
            }
            Charset charset = charsets.get(random.nextInt(charsets.size()));
            byte[] body = html.toString().getBytes(charset);
            if (charset.equals(StandardCharsets.UTF_8) && random.nextBoolean()) {
                for (int k = random.nextInt(4); k >= 0; k--) {
                    body[random.nextInt(body.length)] = (byte) (0x80 + random.nextInt(128));
                }
            }
            boolean told = random.nextBoolean(); // else a <meta> may name it, or another
            if (!told && random.nextBoolean() && charset.newEncoder().canEncode("<meta>")) {
                String meta =
                        "<meta charset=" + charsets.get(random.nextInt(charsets.size())) + ">";
                String page = (random.nextInt(4) == 0 ? "x".repeat(5_100) : "") + meta + html;
                body = page.getBytes(charset);
            }
            agrees(
                    html + " in " + charset,
                    body,
                    told ? Optional.of(charset) : Optional.empty(),
                    URL);
        }
    }

    @Test
    void aPageOfAMillionCommentsOrTitlesIsReadInOnePass() {
        // each comment searched the rest of the page for a "--!>": hours on this page, before;
        // each title that never ends must not search the rest of the page for its end either
        for (String unit : List.of("<!--c-->", "<title>t", "<textarea>t")) {
            String page = unit.repeat(1_000_000) + "<a href=/end>e</a>";
            ParsedPage light =
                    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                            java.time.Duration.ofSeconds(60),
                            () ->
                                    parser.scan(
                                            page.getBytes(StandardCharsets.UTF_8),
                                            Optional.empty(),
                                            URL));
            assertThat(light.links()).as(unit).containsExactly("https://site.example/end");
        }
    }

    @Test
    void aLimitOnLinksCountsDistinctLinksAsTheFullParseDoes() {
        JsoupPageParser few = new JsoupPageParser(3);
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 10; i++) html.append("<a href=/p").append(i % 5).append(">x</a>");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        ParsedPage light = few.scan(body, Optional.empty(), URL);
        assertThat(light).isEqualTo(few.parse(body, Optional.empty(), URL));
        assertThat(light.links()).hasSize(3);
        List<String> none = new ArrayList<>(light.links());
        assertThat(none).allMatch(l -> l.startsWith("https://site.example/p"));
    }

    @Test
    void aTagOfAHundredThousandAttributesKeepsOnlyItsFirstAsJsoupDoes() {
        StringBuilder hostile = new StringBuilder("<a");
        for (int i = 0; i < 100_000; i++) hostile.append(" data-").append(i).append("=v");
        hostile.append(" href=/dropped>x</a>");
        agrees(hostile.toString()); // past jsoup's 512 attributes: no href, no link
        StringBuilder many = new StringBuilder("<a");
        for (int i = 0; i < 500; i++) many.append(" data-").append(i).append("=v");
        many.append(" href=/kept href=/second>x</a>");
        agrees(many.toString());
        ParsedPage light =
                parser.scan(
                        many.toString().getBytes(StandardCharsets.UTF_8), Optional.empty(), URL);
        assertThat(light.links()).containsExactly("https://site.example/kept");
    }
}
