package dev.crawler.service;

import com.sun.net.httpserver.HttpExchange;
import java.io.Serial;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What every API request passes before it is handled: a {@code Host} header naming the service
 * itself when it listens on loopback (so that a web page cannot reach it through DNS rebinding),
 * the bearer token when one is set (compared in constant time; {@code GET /health} stays open), and
 * {@code Content-Type: application/json} on {@code POST} (a cross-origin page can send a "simple"
 * {@code text/plain} POST without preflight, not a JSON one). Immutable and thread-safe.
 */
final class ApiGate {
    /** A refused request: its status and the reason, never an internal detail. */
    static final class Denied extends Exception {
        @Serial private static final long serialVersionUID = 1L;
        private final int status;

        Denied(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final Optional<byte[]> token;

    ApiGate(ServiceOptions options) {
        this.token = options.token().map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    void check(HttpExchange ex, String path) throws Denied {
        InetSocketAddress bound = ex.getLocalAddress();
        if (bound.getAddress() != null && bound.getAddress().isLoopbackAddress()) {
            String host = Optional.ofNullable(ex.getRequestHeaders().getFirst("Host")).orElse("");
            if (!loopbackNames(bound.getPort()).contains(host.toLowerCase(Locale.ROOT))) {
                throw new Denied(421, "the Host header must name this service on loopback");
            }
        }
        if (token.isPresent() && !path.equals("/health")) {
            String auth =
                    Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization"))
                            .orElse("");
            byte[] given =
                    auth.regionMatches(true, 0, "Bearer ", 0, 7)
                            ? auth.substring(7).strip().getBytes(StandardCharsets.UTF_8)
                            : new byte[0];
            if (!MessageDigest.isEqual(given, token.get())) {
                throw new Denied(401, "a valid bearer token is required");
            }
        }
        if (ex.getRequestMethod().equals("POST") && !path.equals("/shutdown")) {
            String type =
                    Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
            int semi = type.indexOf(';');
            String media = (semi < 0 ? type : type.substring(0, semi)).strip();
            if (!media.equalsIgnoreCase("application/json")) {
                throw new Denied(415, "POST needs Content-Type: application/json");
            }
        }
    }

    /** The names of this service on loopback, as a {@code Host} header gives them. */
    private static Set<String> loopbackNames(int port) {
        return port == 80
                ? Set.of(
                        "127.0.0.1",
                        "localhost",
                        "[::1]",
                        "127.0.0.1:80",
                        "localhost:80",
                        "[::1]:80")
                : Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }
}
