package dev.crawler.fetch;

import dev.crawler.config.CrawlConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the crawl's sessions' HTTP clients from its configuration. Stateless. */
final class SessionClients {
    private static final Logger LOG = LoggerFactory.getLogger(SessionClients.class);

    private SessionClients() {}

    /**
     * The crawl's sessions: the first with {@code jar} (the crawl's, kept in its state), the others
     * with jars of their own.
     */
    static Sessions sessions(
            CrawlConfig config, Executor executor, ProxyRouter proxies, Optional<CookieJar> jar) {
        return new Sessions(
                Math.max(1, config.requests().sessions()),
                config.requests().sessions() > 0 ? config.requests().sessionMaxBlocked() : 0,
                (slot, generation) ->
                        new Sessions.Session(
                                slot,
                                generation,
                                client(
                                        config,
                                        executor,
                                        proxies,
                                        slot + generation,
                                        slot == 0 && generation == 0
                                                ? jar
                                                : sessionJar(config, generation))));
    }

    /**
     * One session's client: its own cookie jar (what a server sets, on a redirect too, goes back to
     * it), its own start in the proxy rotation.
     */
    private static HttpClient client(
            CrawlConfig config,
            Executor executor,
            ProxyRouter proxies,
            int proxyOffset,
            Optional<CookieJar> cookies) {
        HttpClient.Builder client =
                HttpClient.newBuilder()
                        .connectTimeout(config.fetch().connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(executor);
        if (proxies.routes()) {
            client.proxy(proxies.forOffset(proxyOffset));
        }
        cookies.ifPresent(j -> client.cookieHandler(j.handler()));
        return client.build();
    }

    /**
     * The jar of another session: the cookies of {@code cookies-file} for a first one, none for one
     * that replaces a retired session (a new identity).
     */
    private static Optional<CookieJar> sessionJar(CrawlConfig config, int generation) {
        if (!config.requests().cookies()) {
            return Optional.empty();
        }
        CookieJar j = new CookieJar();
        if (generation == 0 && !config.requests().cookiesFile().isEmpty()) {
            try {
                j.load(Path.of(config.requests().cookiesFile()));
            } catch (IOException e) {
                LOG.warn("Cannot read {}: {}", config.requests().cookiesFile(), e.toString());
            }
        }
        return Optional.of(j);
    }
}
