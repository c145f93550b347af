package dev.crawler;

import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.CookieJar;
import dev.crawler.frontier.SharedFrontier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crawl's cookie jar and where it is kept between runs, so that a resumed crawl stays logged
 * in: a crawl state's {@code cookies.txt}, or a shared crawl's Redis; filled at start from there
 * and from {@code cookies-file}. Immutable references to a thread-safe jar.
 *
 * @param jar the jar, none without {@code cookies}
 * @param keeper where the jar is kept, none for a crawl kept nowhere
 */
record CrawlCookies(Optional<CookieJar> jar, Optional<CookieJar.Keeper> keeper) {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlCookies.class);

    /**
     * The jar of a crawl kept in {@code stateDir} or {@code shared} (at most one of them).
     *
     * @throws IllegalArgumentException when a cookies file cannot be read or has a bad line
     */
    static CrawlCookies open(
            CrawlConfig config, Optional<Path> stateDir, Optional<SharedFrontier> shared) {
        Optional<Path> copy = stateDir.map(d -> d.resolve("cookies.txt"));
        Optional<CookieJar.Keeper> keeper =
                copy.isPresent()
                        ? copy.map(CookieJar.Keeper::file)
                        : shared.map(s -> s::keepCookies);
        if (!config.requests().cookies()) {
            return new CrawlCookies(Optional.empty(), keeper);
        }
        CookieJar jar = new CookieJar();
        try {
            if (copy.isPresent() && Files.exists(copy.get())) {
                jar.load(copy.get());
            }
            shared.flatMap(SharedFrontier::cookies).ifPresent(t -> jar.load(t, "shared cookies"));
            if (!config.requests().cookiesFile().isEmpty()) {
                jar.load(Path.of(config.requests().cookiesFile()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read cookies: " + e, e);
        }
        return new CrawlCookies(Optional.of(jar), keeper);
    }

    /** Keeps the jar where the crawl keeps it, at its end; a failure is logged. */
    void keep() {
        if (jar.isPresent() && keeper.isPresent()) {
            try {
                keeper.get().keep(jar.get().toText());
            } catch (IOException e) {
                LOG.warn("Cannot keep the cookies: {}", e.toString());
            }
        }
    }
}
