package dev.crawler.politeness;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The unit of politeness: an origin (scheme, host and port), the same unit robots.txt applies to
 * (RFC 9309, section 2.3). Stateless.
 */
public final class HostKey {
    private HostKey() {}

    /** {@code scheme://host:port} of {@code url}, with the default port made explicit. */
    public static String of(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The robots.txt URL of the origin of {@code url}. */
    public static URI robotsUrl(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort =
                port < 0
                        || (scheme.equals("http") && port == 80)
                        || (scheme.equals("https") && port == 443);
        try {
            return new URI(
                    scheme,
                    null,
                    url.getHost(),
                    defaultPort ? -1 : port,
                    "/robots.txt",
                    null,
                    null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no robots.txt URL for " + url, e);
        }
    }
}
