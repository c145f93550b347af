package dev.crawler.parse;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads sitemaps with crawler-commons: XML, gzipped XML, plain text and sitemap indexes. The parser
 * refuses any document with a DTD ({@code setAllowDocTypeDefinitions(false)}: no external entities,
 * no entity expansion), however it is wrapped or encoded ({@code SitemapReaderTest}). Stateless and
 * thread-safe (a parser per call).
 */
public final class SitemapReader {
    /** Most entries read from one sitemap or index: the sitemaps protocol's limit. */
    public static final int MAX_ENTRIES = 50_000;

    /** What a sitemap held. */
    public sealed interface Content {}

    /** A sitemap index: URLs of more sitemaps. */
    public record Index(List<String> sitemaps) implements Content {}

    /** A sitemap: URLs of pages. */
    public record Pages(List<String> urls) implements Content {}

    /** Not a sitemap we read, and why. */
    public record Invalid(String reason) implements Content {}

    /** Reads {@code body}, fetched from {@code url} with {@code contentType}. */
    public Content read(byte[] body, String contentType, URI url) {
        SiteMapParser parser = new SiteMapParser(false);
        parser.setAllowDocTypeDefinitions(false);
        AbstractSiteMap map;
        try {
            map =
                    parser.parseSiteMap(
                            contentType.isEmpty() ? "text/xml" : contentType, body, url.toURL());
        } catch (UnknownFormatException | IOException | RuntimeException e) {
            return new Invalid(reason(e));
        }
        if (map instanceof SiteMapIndex index) {
            List<String> sitemaps = new ArrayList<>();
            for (AbstractSiteMap child : index.getSitemaps()) {
                if (sitemaps.size() == MAX_ENTRIES) break;
                sitemaps.add(child.getUrl().toString());
            }
            return new Index(sitemaps);
        }
        if (map instanceof SiteMap sitemap) {
            List<String> urls = new ArrayList<>();
            for (SiteMapURL entry : sitemap.getSiteMapUrls()) {
                if (urls.size() == MAX_ENTRIES) break;
                urls.add(entry.getUrl().toString());
            }
            return new Pages(urls);
        }
        return new Invalid("not a sitemap");
    }

    /** The failure and, when the parser wrapped one, its cause ("DOCTYPE is disallowed ..."). */
    private static String reason(Throwable e) {
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? top : top + ": " + root.getMessage();
    }
}
