package dev.crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.url.UrlNormalizer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The resolver's string work gives what jsoup's resolver gives. */
class LinkResolverTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();

    /**
     * Ours is jsoup's answer exactly, but for absolute and root-relative links, which are kept as
     * they are written, and paths with dot segments, which lose them as RFC 3986 says (java.net.URL
     * keeps some): those must normalize to what jsoup's answer normalizes to.
     */
    private void agrees(String base, String href) {
        String ours = new LinkResolver(base).resolve(href);
        String theirs = StringUtil.resolve(base, href);
        String s = href.strip();
        boolean keptAsWritten =
                s.regionMatches(true, 0, "http://", 0, 7)
                        || s.regionMatches(true, 0, "https://", 0, 8)
                        || (s.startsWith("/") && !s.startsWith("//"));
        if ((keptAsWritten || dotSegments(base) || dotSegments(s)) && !ours.equals(theirs)) {
            assertThat(normalizer.normalize(ours))
                    .as("%s against %s", href, base)
                    .isEqualTo(normalizer.normalize(theirs));
        } else {
            assertThat(ours).as("[%s] against %s", href, base).isEqualTo(theirs);
        }
    }

    private static boolean dotSegments(String url) {
        String path = "/" + url.split("[?#]", 2)[0] + "/";
        return path.contains("/./") || path.contains("/../");
    }

    @Test
    void agreesOnEveryLinkOfScrapysDocumentation() throws IOException {
        int links = 0;
        for (Path p : ScrapyDocs.pages()) {
            String base = ScrapyDocs.url(p).toString();
            for (Element a : Jsoup.parse(p.toFile()).select("[href]")) {
                agrees(base, a.attr("href"));
                links++;
            }
        }
        assertThat(links).isGreaterThan(10_000);
    }

    @Test
    void agreesOnTheFormsItTakesAndTheOnesItLeaves() {
        for (String base :
                List.of("http://example.com:8080/dir/page", "http://h", "http://h/a/?q#f")) {
            for (String href :
                    List.of(
                            "item.html",
                            "item.html?x=1#top",
                            "#top",
                            "?page=2",
                            "?",
                            "#",
                            "",
                            " #a ",
                            "\titem.html\n",
                            "../up.html#x",
                            "./a/./b/../c?q",
                            "a/..",
                            "../../../../climb",
                            "sp ace.html",
                            "q?a b",
                            "#fr\u00e9",
                            "a#b#c",
                            "mailto:x@y",
                            "//cdn.example/y",
                            "x:y",
                            "a\u0000b.html",
                            "\\x")) {
                agrees(base, href);
            }
        }
    }

    @Test
    void agreesOnRandomHrefsAgainstAssortedBases() {
        List<String> bases =
                List.of(
                        "http://example.com",
                        "http://example.com/",
                        "http://example.com:8080/dir/page",
                        "https://h.example/dir/page?q=1#frag",
                        "https://h.example/a/./b/../c.html",
                        "http://h/a/b/",
                        "http://h/?x=1",
                        "http://user@h/p;params");
        String[] pieces = {
            "a",
            "b.html",
            "/",
            ".",
            "..",
            "?",
            "#",
            "x=1",
            "&",
            "%20",
            " ",
            "\t",
            ":",
            "\u00e9",
            "//",
            "~",
            "@",
            ";",
            "\\",
            "http://o/",
            "HTTP://O/",
            "-_",
            "\u0001",
            "'",
            "\"",
            "+"
        };
        Random random = new Random(18);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder href = new StringBuilder();
            int n = random.nextInt(7);
            for (int k = 0; k < n; k++) {
                href.append(pieces[random.nextInt(pieces.length)]);
            }
            agrees(bases.get(random.nextInt(bases.size())), href.toString());
        }
    }

    @Test
    void aFragmentOrAQueryAloneKeepsTheBasePath() {
        LinkResolver r = new LinkResolver(URI.create("http://h/docs/page.html?v=1#old"));
        assertThat(r.resolve("#new")).isEqualTo("http://h/docs/page.html?v=1#new");
        assertThat(r.resolve("?v=2")).isEqualTo("http://h/docs/page.html?v=2");
        assertThat(r.resolve("other.html#s")).isEqualTo("http://h/docs/other.html#s");
    }
}
