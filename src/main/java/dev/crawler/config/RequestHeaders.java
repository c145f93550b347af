package dev.crawler.config;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the headers a user asks to send, once, at start: a name the JDK's HTTP client refuses
 * ({@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade}) or
 * one the crawler must set itself ({@code User-Agent}: {@code user-agent}; {@code Accept-Encoding}:
 * we decode bodies ourselves) is named in a clear error instead of failing every fetch. Stateless.
 */
public final class RequestHeaders {
    private static final Set<String> OURS = Set.of("user-agent", "accept-encoding");
    private static final Set<String> SECRET =
            Set.of("authorization", "proxy-authorization", "cookie");

    private RequestHeaders() {}

    /**
     * A copy of {@code headers}, in order, every name and value checked.
     *
     * @param where how errors name the setting ({@code "headers"})
     * @throws IllegalArgumentException naming the header and why it cannot be sent
     */
    public static Map<String, String> checked(Map<String, String> headers, String where) {
        if (headers.isEmpty()) {
            return Map.of(); // the common case, on the hot path of every link
        }
        Map<String, String> out = new LinkedHashMap<>();
        HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1/"));
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String name = e.getKey().strip();
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (OURS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        where
                                + ": the crawler sets "
                                + name
                                + " itself"
                                + (name.equalsIgnoreCase("user-agent")
                                        ? " (use user-agent)"
                                        : " (it decodes gzip and deflate)"));
            }
            try {
                probe.header(name, value);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        where
                                + ": header '"
                                + name
                                + "' cannot be sent by the JDK's HTTP client: "
                                + ex.getMessage(),
                        ex);
            }
            out.put(name, value);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Whether a header's value is a secret, shown as {@code ***} in printed configuration. */
    public static boolean isSecret(String name) {
        return SECRET.contains(name.toLowerCase(Locale.ROOT));
    }
}
