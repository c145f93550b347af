package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small book shop for the scraping tests: {@code /catalogue/page-N.html} list {@code PER_PAGE}
 * books each (title, price, a {@code .sku} on every book but each third), with a pager; each book
 * has a page {@code /catalogue/book-K/index.html} with {@code h1}, price, tags and JSON-LD; every
 * page links {@code /about.html} in its footer.
 */
final class ShopSite {
    static final int PAGES = 2;
    static final int PER_PAGE = 3;

    private ShopSite() {}

    static String title(int k) {
        return "Book " + k;
    }

    static String price(int k) {
        return String.format(Locale.ROOT, "%d.%02d", 10 + k, k);
    }

    static int books() {
        return PAGES * PER_PAGE;
    }

    static void stub(WireMockExtension wm) {
        for (int p = 1; p <= PAGES; p++) {
            StringBuilder b =
                    new StringBuilder("<html><head><title>Page " + p + "</title></head><body>");
            for (int i = 0; i < PER_PAGE; i++) {
                int k = (p - 1) * PER_PAGE + i + 1;
                b.append("<article class=\"product_pod\"><h3><a href=\"book-")
                        .append(k)
                        .append("/index.html\" title=\"")
                        .append(title(k))
                        .append("\">")
                        .append(title(k))
                        .append("</a></h3><p class=\"price_color\">£")
                        .append(price(k))
                        .append("</p>");
                if (k % 3 != 0) {
                    b.append("<span class=\"sku\">SKU-").append(k).append("</span>");
                }
                b.append("</article>");
            }
            if (p < PAGES) {
                b.append("<ul class=\"pager\"><li class=\"next\"><a href=\"page-")
                        .append(p + 1)
                        .append(".html\">next</a></li></ul>");
            }
            b.append("<footer><a href=\"/about.html\">About</a></footer></body></html>");
            html(wm, "/catalogue/page-" + p + ".html", b.toString());
        }
        for (int k = 1; k <= books(); k++) {
            html(
                    wm,
                    "/catalogue/book-" + k + "/index.html",
                    "<html><head><title>"
                            + title(k)
                            + "</title><script type=\"application/ld+json\">{\"@type\":\"Product\","
                            + "\"offers\":{\"price\":\""
                            + price(k)
                            + "\"}}</script></head><body><h1>"
                            + title(k)
                            + "</h1><p class=\"price_color\">£"
                            + price(k)
                            + "</p><ul class=\"tags\"><li>t"
                            + k
                            + "</li><li>all</li></ul><a href=\"../page-1.html\">back</a>"
                            + "<footer><a href=\"/about.html\">About</a></footer></body></html>");
        }
        html(wm, "/about.html", "<html><head><title>About</title></head><body>us</body></html>");
    }

    static List<String> titles() {
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= books(); k++) out.add(title(k));
        return out;
    }

    private static void html(WireMockExtension wm, String path, String body) {
        wm.stubFor(
                get(urlEqualTo(path))
                        .willReturn(
                                ok(body).withHeader("Content-Type", "text/html; charset=utf-8")));
    }
}
