package dev.crawler.fetch;

import dev.crawler.config.CrawlConfig;
import dev.crawler.config.ProxySpec;
import dev.crawler.request.Completion;
import dev.crawler.seed.RequestBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request of one hop, with every header in the order that decides who wins: ours, the
 * proxy's credentials (plain HTTP only), the crawl's headers, the host's, the host's credentials,
 * the request's own. Stateless apart from its immutable configuration: thread-safe.
 */
final class RequestFactory {
    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

    private final CrawlConfig config;
    private final ProxyRouter proxies;

    RequestFactory(CrawlConfig config, ProxyRouter proxies) {
        this.config = config;
        this.proxies = proxies;
    }

    HttpRequest build(
            URI url,
            Duration remaining,
            Completion.Validators validators,
            Map<String, String> own,
            Optional<RequestBody> body,
            int proxyOffset) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url);
        // a recrawl asks whether the page changed since its last fetch
        validators.etag().ifPresent(v -> b.header("If-None-Match", v));
        validators.lastModified().ifPresent(v -> b.header("If-Modified-Since", v));
        if (body.isPresent()) {
            b.POST(HttpRequest.BodyPublishers.ofString(body.get().content()))
                    .setHeader("Content-Type", body.get().contentType());
        } else {
            b.GET();
        }
        b.timeout(remaining)
                // h2c upgrade on cleartext costs a round of headers for nothing; h2 over TLS is
                // fine
                .version(
                        "https".equalsIgnoreCase(url.getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .setHeader("User-Agent", config.fetch().userAgent())
                .setHeader("Accept", ACCEPT)
                .setHeader("Accept-Encoding", ContentDecoder.ACCEPT_ENCODING);
        if ("http".equalsIgnoreCase(url.getScheme())) {
            // to the proxy, in the clear, as plain HTTP through a proxy always is; never inside
            // an https tunnel, where it would reach the origin server
            proxies.choose(url, proxyOffset)
                    .flatMap(ProxySpec::basicAuth)
                    .ifPresent(a -> b.setHeader("Proxy-Authorization", a));
        }
        // the user's headers replace ours of the same name (Accept); the host's replace the crawl's
        config.requests().headers().forEach(b::setHeader);
        Map<String, String> forHost =
                config.requests()
                        .hostHeaders()
                        .get(url.getHost().toLowerCase(java.util.Locale.ROOT));
        if (forHost != null) {
            forHost.forEach(b::setHeader);
        }
        String auth =
                config.requests().hostAuth().get(url.getHost().toLowerCase(java.util.Locale.ROOT));
        if (auth != null) {
            b.setHeader("Authorization", auth); // to this host only: each hop is built anew
        }
        List<Map<String, String>> sets = config.requests().sessionHeaders();
        if (!sets.isEmpty()) {
            sets.get(Math.floorMod(proxyOffset, sets.size())).forEach(b::setHeader);
        }
        own.forEach(b::setHeader); // the request's own, last: they replace all of the above
        return b.build();
    }

    /** The request headers as sent: ours, plus the Host header the client adds. */
    static Map<String, List<String>> sentHeaders(HttpRequest sent) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        URI uri = sent.uri();
        headers.put(
                "Host",
                List.of(uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort()));
        headers.putAll(sent.headers().map());
        return headers;
    }

    /** Whether {@code status} is a redirect. */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static Optional<URI> resolveRedirect(URI base, String location) {
        try {
            URI next = base.resolve(location.strip());
            String scheme =
                    next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(next);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
