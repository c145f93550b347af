package dev.crawler.fetch;

import dev.crawler.config.ProxySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which proxy a request goes through: a host's own ({@code host-proxies:}, where {@code direct}
 * means none), else one of the crawl's proxies ({@code proxy:}, {@code proxies:}), the same for a
 * host as long as it works (its cookies and rate stay with one exit), the next one while it is
 * marked bad. A proxy is marked bad for a minute when a connection through it fails (the JDK's
 * client does not tell its selector, so the fetcher does: {@link #failed}); with every proxy bad,
 * the host's own is tried anyway.
 *
 * <p>Thread-safe: immutable routes, a concurrent map of bad proxies.
 */
final class ProxyRouter extends ProxySelector {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyRouter.class);
    private static final long COOL_DOWN_NANOS = 60_000_000_000L;

    private final Map<String, Optional<ProxySpec>> byHost;
    private final List<ProxySpec> pool;
    private final Map<InetSocketAddress, Long> badUntil = new ConcurrentHashMap<>();

    /**
     * @param byHost a host's own proxy (empty: direct), by lower-case host name
     * @param pool the proxies every other host is spread over
     */
    public ProxyRouter(Map<String, Optional<ProxySpec>> byHost, List<ProxySpec> pool) {
        this.byHost = Map.copyOf(byHost);
        this.pool = List.copyOf(pool);
    }

    /** The proxies of {@code proxy:}, {@code proxies:} and {@code host-proxies:}. */
    public static ProxyRouter of(dev.crawler.config.CrawlConfig config) {
        List<ProxySpec> pool = new java.util.ArrayList<>();
        ProxySpec.parse(config.requests().proxy()).ifPresent(pool::add);
        config.requests().proxies().forEach(p -> ProxySpec.parse(p).ifPresent(pool::add));
        Map<String, Optional<ProxySpec>> byHost = new java.util.LinkedHashMap<>();
        config.requests()
                .hostProxies()
                .forEach(
                        (host, spec) ->
                                byHost.put(
                                        host,
                                        spec.equals("direct")
                                                ? Optional.empty()
                                                : ProxySpec.parse(spec)));
        return new ProxyRouter(byHost, pool);
    }

    /** Whether any request goes through a proxy. */
    public boolean routes() {
        return !pool.isEmpty() || byHost.values().stream().anyMatch(Optional::isPresent);
    }

    /** The proxy for {@code url}, or empty to go direct. */
    public Optional<ProxySpec> choose(URI url) {
        return choose(url, 0);
    }

    /**
     * The proxy for {@code url} of the session at {@code offset} in the rotation (each session
     * starts a host at a proxy of its own), or empty to go direct.
     */
    public Optional<ProxySpec> choose(URI url, int offset) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        Optional<ProxySpec> own = byHost.get(host);
        if (own != null) {
            return own;
        }
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        int start = Math.floorMod(host.hashCode() + offset, pool.size());
        long now = System.nanoTime();
        for (int i = 0; i < pool.size(); i++) {
            ProxySpec p = pool.get((start + i) % pool.size());
            Long until = badUntil.get(p.address());
            if (until == null || until - now <= 0) {
                return Optional.of(p);
            }
        }
        return Optional.of(pool.get(start)); // every one is bad: the host's own, anyway
    }

    /** A connection through {@code proxy} failed: others take its hosts for a while. */
    public void failed(ProxySpec proxy) {
        if (pool.size() > 1) {
            LOG.info("Proxy {} failed to connect; avoided for a minute", proxy.address());
        }
        badUntil.put(proxy.address(), System.nanoTime() + COOL_DOWN_NANOS);
    }

    /** This router as the session at {@code offset} in the rotation sees it. */
    public ProxySelector forOffset(int offset) {
        ProxyRouter router = this;
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return router.select(uri, offset);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // not called by java.net.http
            }
        };
    }

    private List<Proxy> select(URI uri, int offset) {
        return choose(uri, offset)
                .map(p -> List.of(new Proxy(Proxy.Type.HTTP, p.address())))
                .orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public List<Proxy> select(URI uri) {
        return choose(uri)
                .map(p -> List.of(new Proxy(Proxy.Type.HTTP, p.address())))
                .orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // not called by java.net.http; HttpFetcher reports failures through failed()
    }
}
