package dev.crawler.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * An HTTP proxy as the configuration names it: {@code http://[USER:PASS@]HOST:PORT}. The JDK's
 * client has no SOCKS. Immutable.
 *
 * @param address the proxy's host and port (unresolved)
 * @param basicAuth the {@code Proxy-Authorization} value for its credentials, when it has some
 */
public record ProxySpec(InetSocketAddress address, Optional<String> basicAuth) {
    /**
     * Reads {@code spec}; empty for none.
     *
     * @throws IllegalArgumentException when it is not {@code http://[USER:PASS@]HOST:PORT}
     */
    public static Optional<ProxySpec> parse(String spec) {
        if (spec.isBlank()) {
            return Optional.empty();
        }
        URI u;
        try {
            u = new URI(spec.strip());
        } catch (URISyntaxException e) {
            throw bad(spec, e.getReason());
        }
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            throw bad(spec, "only http:// proxies (the JDK's client has no SOCKS)");
        }
        if (u.getHost() == null || u.getPort() < 1) {
            throw bad(spec, "needs a host and a port");
        }
        if ((u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                || u.getRawQuery() != null) {
            throw bad(spec, "takes no path or query");
        }
        Optional<String> auth = Optional.empty();
        if (u.getRawUserInfo() != null) {
            String plain = URLDecoder.decode(u.getRawUserInfo(), StandardCharsets.UTF_8);
            auth =
                    Optional.of(
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    plain.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(
                new ProxySpec(InetSocketAddress.createUnresolved(u.getHost(), u.getPort()), auth));
    }

    /** {@code spec} with its password as ***, for messages and printed configuration. */
    public static String redacted(String spec) {
        return spec.replaceFirst("//([^:/@]*):[^@/]*@", "//$1:***@");
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException(
                "proxy '" + redacted(spec) + "' must be http://[USER:PASS@]HOST:PORT: " + why);
    }
}
