package dev.crawler.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo site's book shop, for showing extraction offline: {@code /shop/page-N.html} list {@link
 * #PER_PAGE} books each with a pager, and each book has {@code /shop/book/K.html} with a title,
 * price, star rating, stock, tags, an {@code og:title} and JSON-LD. Deterministic, stateless and
 * thread-safe.
 */
final class DemoShop {
    /** Catalogue pages. */
    static final int PAGES = 3;

    /** Books on one catalogue page. */
    static final int PER_PAGE = 5;

    private static final String[] RATINGS = {"One", "Two", "Three", "Four", "Five"};
    private static final String[] TAGS = {"poetry", "travel", "mystery", "history", "science"};
    private static final String[] NAMES = {
        "A Light in the Attic", "Tipping the Velvet", "Soumission", "Sharp Objects",
        "Sapiens", "The Requiem Red", "The Dirty Little Secrets", "The Coming Woman",
        "The Boys in the Boat", "The Black Maria", "Starving Hearts", "Shakespeare's Sonnets",
        "Set Me Free", "Scott Pilgrim", "Rip it Up and Start Again"
    };

    private DemoShop() {}

    /** URLs the shop adds to a full crawl. */
    static int urls() {
        return PAGES + PAGES * PER_PAGE;
    }

    static String title(int k) {
        return NAMES[k % NAMES.length];
    }

    static String price(int k) {
        return String.format(Locale.ROOT, "%d.%02d", 10 + (k * 7) % 50, (k * 37) % 100);
    }

    /** The page at {@code path} (under {@code /shop/}), if the shop has it. */
    static Optional<String> page(String path) {
        if (path.startsWith("/shop/page-") && path.endsWith(".html")) {
            int p = SitePages.number(path.substring("/shop/page-".length(), path.length() - 5));
            return p >= 1 && p <= PAGES ? Optional.of(listing(p)) : Optional.empty();
        }
        if (path.startsWith("/shop/book/") && path.endsWith(".html")) {
            int k = SitePages.number(path.substring("/shop/book/".length(), path.length() - 5));
            return k >= 0 && k < PAGES * PER_PAGE ? Optional.of(book(k)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static String listing(int p) {
        StringBuilder b = new StringBuilder("<h1>All books, page ").append(p).append("</h1><ol>");
        for (int k = (p - 1) * PER_PAGE; k < p * PER_PAGE; k++) {
            b.append("<li><article class=\"product_pod\"><p class=\"star-rating ")
                    .append(RATINGS[k % RATINGS.length])
                    .append("\"></p><h3><a href=\"book/")
                    .append(k)
                    .append(".html\" title=\"")
                    .append(title(k))
                    .append("\">")
                    .append(title(k).length() > 12 ? title(k).substring(0, 12) + "..." : title(k))
                    .append("</a></h3><div class=\"product_price\"><p class=\"price_color\">£")
                    .append(price(k))
                    .append("</p></div></article></li>");
        }
        b.append("</ol><ul class=\"pager\">");
        if (p > 1) {
            b.append("<li class=\"previous\"><a href=\"page-")
                    .append(p - 1)
                    .append(".html\">previous</a></li>");
        }
        if (p < PAGES) {
            b.append("<li class=\"next\"><a href=\"page-")
                    .append(p + 1)
                    .append(".html\">next</a></li>");
        }
        b.append("</ul><footer><a href=\"/\">Home</a> <a href=\"/about.html\">About</a></footer>");
        return document("All books, page " + p, "", b.toString());
    }

    private static String book(int k) {
        String head =
                "<meta property=\"og:title\" content=\""
                        + title(k)
                        + "\"><script type=\"application/ld+json\">{\"@context\":"
                        + "\"https://schema.org\",\"@type\":\"Product\",\"name\":\""
                        + title(k)
                        + "\",\"sku\":\"BK-"
                        + (1000 + k)
                        + "\",\"offers\":{\"@type\":\"Offer\",\"price\":\""
                        + price(k)
                        + "\",\"priceCurrency\":\"GBP\"}}</script>";
        List<String> tags = List.of(TAGS[k % TAGS.length], TAGS[(k + 2) % TAGS.length]);
        StringBuilder b =
                new StringBuilder("<ul class=\"breadcrumb\"><li><a href=\"/\">Home</a></li>")
                        .append("<li><a href=\"../page-")
                        .append(k / PER_PAGE + 1)
                        .append(".html\">Books</a></li></ul><div class=\"product_main\"><h1>")
                        .append(title(k))
                        .append("</h1><p class=\"price_color\">£")
                        .append(price(k))
                        .append("</p><p class=\"instock availability\">\n    In stock (")
                        .append(3 + k % 20)
                        .append(" available)\n</p><p class=\"star-rating ")
                        .append(RATINGS[k % RATINGS.length])
                        .append("\"></p></div><ul class=\"tags\">");
        tags.forEach(t -> b.append("<li>").append(t).append("</li>"));
        b.append("</ul><div id=\"product_description\"><p>")
                .append(title(k))
                .append(" is book number ")
                .append(k)
                .append(" of the demo shop.</p></div>");
        return document(title(k), head, b.toString());
    }

    private static String document(String title, String head, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + title
                + " | Demo shop</title>"
                + head
                + "</head><body>"
                + body
                + "</body></html>";
    }
}
