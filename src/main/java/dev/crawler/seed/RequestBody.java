package dev.crawler.seed;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The body of a {@code POST} request: a form or JSON, as text. Immutable.
 *
 * @param contentType its {@code Content-Type}
 * @param content the body
 */
public record RequestBody(String contentType, String content) {
    /** The content type of an HTML form's body. */
    public static final String FORM = "application/x-www-form-urlencoded";

    /** Validates the fields. */
    public RequestBody {
        requireNonNull(contentType, "contentType");
        requireNonNull(content, "content");
        if (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not a content type: '" + contentType + "'");
        }
    }

    /** A form body of these fields, in order, URL-encoded as browsers do. */
    public static RequestBody form(Map<String, String> fields) {
        return new RequestBody(
                FORM,
                fields.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&")));
    }

    /** A JSON body. */
    public static RequestBody json(String json) {
        return new RequestBody("application/json", json);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A short digest of the type and content: what tells two POSTs to one URL apart. */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(contentType.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
