package dev.crawler.sink;

import dev.crawler.fetch.RawExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An exchange as the HTTP messages a WARC record holds. Stateless. */
final class HttpMessages {
    private HttpMessages() {}

    static byte[] requestBytes(RawExchange x, dev.crawler.request.CrawlRequest sent) {
        StringBuilder head = new StringBuilder();
        String path =
                x.url().getRawPath() == null || x.url().getRawPath().isEmpty()
                        ? "/"
                        : x.url().getRawPath();
        if (x.url().getRawQuery() != null) {
            path += "?" + x.url().getRawQuery();
        }
        head.append(sent.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        // credentials we sent (Authorization, Proxy-Authorization, Cookie) are not archived
        Map<String, List<String>> sentHeaders = new java.util.LinkedHashMap<>();
        x.requestHeaders()
                .forEach(
                        (name, values) ->
                                sentHeaders.put(
                                        name,
                                        dev.crawler.config.RequestHeaders.isSecret(name)
                                                ? List.of("***")
                                                : values));
        appendHeaders(head, sentHeaders);
        byte[] body =
                sent.body()
                        .map(b -> b.content().getBytes(StandardCharsets.UTF_8))
                        .orElse(new byte[0]);
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    static byte[] responseBytes(RawExchange x) throws IOException {
        StringBuilder head =
                new StringBuilder("HTTP/1.1 ")
                        .append(x.status())
                        .append(" ")
                        .append(reason(x.status()))
                        .append("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>(x.responseHeaders());
        headers.keySet()
                .removeIf(k -> k.equalsIgnoreCase("transfer-encoding") || k.equals(":status"));
        appendHeaders(head, headers);
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + x.rawBody().length);
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(x.rawBody());
        return out.toByteArray();
    }

    private static void appendHeaders(StringBuilder head, Map<String, List<String>> headers) {
        headers.forEach(
                (name, values) -> {
                    for (String v : values) {
                        head.append(name)
                                .append(": ")
                                .append(v.replace("\r", "").replace("\n", " "))
                                .append("\r\n");
                    }
                });
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            default -> "";
        };
    }
}
