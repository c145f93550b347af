package dev.crawler.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * The demo site's pages, rendered from the page number alone so that every run serves the same
 * site: the home page, sections of {@value #PAGES_PER_SECTION} pages, content pages of about 5 KB
 * with links of every kind, and the sitemap. Immutable and thread-safe.
 */
final class SitePages {
    /** Pages linked from one section page. */
    static final int PAGES_PER_SECTION = 20;

    /** Pages reachable only through the sitemap named in robots.txt. */
    static final int ORPHANS = 5;

    private static final String[] WORDS = {
        "crawler",
        "frontier",
        "queue",
        "fetch",
        "parse",
        "link",
        "page",
        "host",
        "robots",
        "sitemap",
        "politeness",
        "thread",
        "virtual",
        "latency",
        "backoff",
        "retry",
        "archive",
        "index",
        "content",
        "header",
        "anchor",
        "depth",
        "scope",
        "budget",
        "ledger",
        "output"
    };

    private final URI base;
    private final int pages;

    SitePages(URI base, int pages) {
        this.base = base;
        this.pages = pages;
    }

    int pages() {
        return pages;
    }

    int sections() {
        return sections(pages);
    }

    static int sections(int pages) {
        return (pages + PAGES_PER_SECTION - 1) / PAGES_PER_SECTION;
    }

    /** The pages content page {@code i} links to, as {@link #content} draws them. */
    private int[] linkTargets(int i) {
        SplittableRandom random = new SplittableRandom(0x5EED ^ i);
        for (int w = 0; w < 8 * 70; w++) {
            random.nextInt(WORDS.length); // the words come first
        }
        int[] targets = new int[10];
        for (int l = 0; l < targets.length; l++) {
            targets[l] = random.nextInt(pages);
        }
        return targets;
    }

    /**
     * The benchmark site's link graph: each path and the paths its page links to, normalized as a
     * crawler does (fragments cut, dot segments removed, one host), in document order.
     */
    java.util.Map<String, java.util.List<String>> benchGraph() {
        java.util.Map<String, java.util.List<String>> graph = new java.util.HashMap<>();
        java.util.List<String> home = new java.util.ArrayList<>();
        for (int k = 0; k < sections(); k++) {
            home.add("/section/" + k);
            java.util.List<String> section = new java.util.ArrayList<>();
            for (int i = k * PAGES_PER_SECTION;
                    i < Math.min(pages, (k + 1) * PAGES_PER_SECTION);
                    i++) {
                section.add("/page/" + i + ".html");
            }
            section.add("/");
            graph.put("/section/" + k, section);
        }
        graph.put("/", home);
        for (int i = 0; i < pages; i++) {
            java.util.List<String> links = new java.util.ArrayList<>();
            for (int target : linkTargets(i)) {
                links.add("/page/" + target + ".html");
            }
            links.add("/section/" + i / PAGES_PER_SECTION);
            graph.put("/page/" + i + ".html", links);
        }
        return graph;
    }

    /** {@code heading}, then a list item linking each section (the list left open). */
    private StringBuilder sectionList(String heading) {
        StringBuilder body = new StringBuilder(heading);
        for (int k = 0; k < sections(); k++) {
            body.append("<li><a href=\"/section/")
                    .append(k)
                    .append("\">Section ")
                    .append(k)
                    .append("</a></li>");
        }
        return body;
    }

    /** The benchmark site's home page: its sections only. */
    String benchIndex() {
        StringBuilder body = sectionList("<h1>Benchmark site</h1><ul>");
        return page("Benchmark site", "Sections.", "/", body + "</ul>");
    }

    /** The home page: sections and the special pages. */
    String index() {
        StringBuilder body = sectionList("<h1>Demo site</h1><ul>");
        body.append("</ul><p><a href=\"/about.html\">About</a> <a href=\"/old-home\">Old home</a> ")
                .append("<a href=\"/flaky.html\">Flaky</a> <a href=\"/missing.html\">Missing</a> ")
                .append("<img src=\"/logo.png\"><a href=\"/logo.png\">Logo</a> ")
                .append("<a href=\"mailto:webmaster@example.invalid\">Mail</a> ")
                .append("<a href=\"javascript:void(0)\">Script</a> ")
                .append("<a href=\"/private/secret.html\">Private</a> ")
                .append("<a href=\"/shop/page-1.html\">Book shop</a></p>");
        return page(
                "Demo site", "A small site served by the crawler itself.", "/", body.toString());
    }

    /** The sitemap robots.txt names: the home page and the orphan pages. */
    String sitemap() {
        StringBuilder xml =
                new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                        .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        xml.append("<url><loc>").append(base).append("</loc></url>\n");
        for (int i = 0; i < ORPHANS; i++) {
            xml.append("<url><loc>")
                    .append(base.resolve("/orphan/" + i + ".html"))
                    .append("</loc></url>\n");
        }
        return xml.append("</urlset>\n").toString();
    }

    /** Section {@code k}: links to its pages. */
    String section(int k) {
        StringBuilder body = new StringBuilder("<h1>Section ").append(k).append("</h1><ol>");
        int from = k * PAGES_PER_SECTION;
        for (int i = from; i < Math.min(pages, from + PAGES_PER_SECTION); i++) {
            body.append("<li><a href=\"../page/")
                    .append(i)
                    .append(".html\">Page ")
                    .append(i)
                    .append("</a></li>");
        }
        body.append("</ol><a href=\"/\">Home</a>");
        return page(
                "Section " + k, "Pages " + from + " onwards.", "/section/" + k, body.toString());
    }

    /** Content page {@code i}: about 5 KB of words and ten links of every kind. */
    String content(int i) {
        SplittableRandom random = new SplittableRandom(0x5EED ^ i);
        StringBuilder body = new StringBuilder("<article><h1>Page ").append(i).append("</h1>");
        for (int p = 0; p < 8; p++) {
            body.append("<p>");
            for (int w = 0; w < 70; w++) {
                body.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
            }
            body.append("</p>\n");
        }
        body.append("<nav><ul>");
        int[] targets = linkTargets(i);
        for (int l = 0; l < targets.length; l++) {
            int target = targets[l];
            String href =
                    switch (l % 5) {
                        case 0 -> "/page/" + target + ".html#section-" + l; // fragment: same page
                        case 1 -> "../page/" + target + ".html"; // relative
                        case 2 -> "/page/./" + target + ".html"; // dot segment
                        case 3 ->
                                "HTTP://127.0.0.1:" + base.getPort() + "/page/" + target + ".html";
                        default -> "/page/" + target + ".html";
                    };
            body.append("<li><a href=\"")
                    .append(href)
                    .append("\">Page ")
                    .append(target)
                    .append("</a></li>");
        }
        body.append("<li><a href=\"/section/")
                .append(i / PAGES_PER_SECTION)
                .append("\">Up</a></li></ul></nav></article>");
        return page(
                "Page " + i,
                "Content page number " + i + " of the demo site.",
                "/page/" + i + ".html",
                body.toString());
    }

    /** A whole HTML page. */
    static String page(String title, String description, String canonical, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + title
                + "</title><meta name=\"description\" content=\""
                + description
                + "\">"
                + "<link rel=\"canonical\" href=\""
                + canonical
                + "\"></head><body>"
                + body
                + "</body></html>";
    }

    /** {@code s} as a non-negative number, or -1. */
    static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Every URL of a plain site at {@code base}, index first: what a complete crawl fetches. */
    static java.util.List<URI> benchUrls(URI base, int pages) {
        java.util.List<URI> urls = new java.util.ArrayList<>();
        urls.add(base.resolve("/"));
        int sections = sections(pages);
        for (int k = 0; k < sections; k++) urls.add(base.resolve("/section/" + k));
        for (int i = 0; i < pages; i++) urls.add(base.resolve("/page/" + i + ".html"));
        return urls;
    }

    /** {@code text} in UTF-8, gzipped when asked. */
    static byte[] encode(String text, boolean gzip) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        if (!gzip) {
            return raw;
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream(raw.length / 3);
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return gz.toByteArray();
    }
}
