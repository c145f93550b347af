package dev.crawler.frontier;

import dev.crawler.request.Completion.Validators;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The byte forms of the crawl state's keys and pending requests (a pending request is kept in
 * {@link RequestCodec}'s form, the one the shared frontier uses, after its not-before time).
 * Stateless.
 */
final class StoreCodec {
    /** Longest reason kept for a URL's end. */
    private static final int MAX_DETAIL = 1000;

    private StoreCodec() {}

    /** Marks a pending request in {@link RequestCodec}'s form, after its not-before time. */
    static final byte CODEC_FORM = 'R';

    static byte[] encodeRequest(CrawlRequest r, long notBeforeEpochMillis) {
        byte[] line = bytes(RequestCodec.encode(r));
        return ByteBuffer.allocate(1 + 8 + line.length)
                .put(CODEC_FORM)
                .putLong(notBeforeEpochMillis)
                .put(line)
                .array();
    }

    /**
     * Reads a pending request: {@link RequestCodec}'s form, or the binary form of states written
     * before labels existed.
     *
     * @throws IllegalStateException naming {@code where} when the bytes are not a request
     */
    static UrlStore.StoredRequest decodeRequest(long id, byte[] value, Object where) {
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            if (value.length > 0 && value[0] == CODEC_FORM) {
                long notBefore = in.position(1).getLong();
                String line = new String(value, 9, value.length - 9, StandardCharsets.UTF_8);
                return new UrlStore.StoredRequest(id, RequestCodec.decode(line), notBefore);
            }
            // the binary form of states written before labels existed
            URI url = URI.create(string(in));
            int depth = in.getInt();
            int attempt = in.getInt();
            CrawlRequest.Kind kind = CrawlRequest.Kind.values()[in.get()];
            int redirects = in.getInt();
            Optional<URI> parent = optional(string(in)).map(URI::create);
            long notBefore = in.getLong();
            int priority = in.getInt();
            int depthLimit = in.getInt();
            Validators validators = new Validators(optional(string(in)), optional(string(in)));
            return new UrlStore.StoredRequest(
                    id,
                    new CrawlRequest(
                            url,
                            depth,
                            attempt,
                            parent,
                            kind,
                            redirects,
                            priority,
                            depthLimit,
                            validators),
                    notBefore);
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt pending request in " + where, e);
        }
    }

    /** A length-prefixed UTF-8 string. */
    static void put(ByteBuffer out, byte[] utf8) {
        out.putInt(utf8.length).put(utf8);
    }

    static String string(ByteBuffer in) {
        int n = in.getInt();
        String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hostPrefix(String host) {
        byte[] h = bytes(host);
        return Arrays.copyOf(h, h.length + 1); // host, then 0
    }

    static byte[] pendingKey(String host, long id) {
        byte[] prefix = hostPrefix(host);
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(id).array();
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    static int indexOf(byte[] key, byte b) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == b) return i;
        }
        return key.length;
    }
}
