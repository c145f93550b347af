package dev.crawler.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Decodes {@code Content-Encoding: gzip} and {@code deflate} bodies, which the JDK's HTTP client
 * leaves encoded, never producing more than a byte limit however far the data would inflate.
 * Stateless and thread-safe.
 */
final class ContentDecoder {
    /** The value we send as {@code Accept-Encoding}: only what {@link #decode} understands. */
    static final String ACCEPT_ENCODING = "gzip, deflate";

    private ContentDecoder() {}

    /** Decoded bytes and whether the limit (or an encoded body cut short) truncated them. */
    record Decoded(byte[] bytes, boolean truncated) {}

    /** The body inflates far more than real content does. */
    static final class CompressionBombException extends IOException {
        @java.io.Serial private static final long serialVersionUID = 1L;

        CompressionBombException(long compressed, int ratio) {
            super(
                    "decoded body exceeds "
                            + ratio
                            + " times its compressed size of "
                            + compressed
                            + " bytes (a compression bomb?)");
        }
    }

    /** Bodies are never called bombs below this decoded size, whatever their ratio. */
    private static final int RATIO_GRACE_BYTES = 256 * 1024;

    /** The body's content coding is not one we asked for. */
    static final class UnsupportedEncodingException extends IOException {
        @java.io.Serial private static final long serialVersionUID = 1L;

        UnsupportedEncodingException(String encoding) {
            super("unsupported Content-Encoding: " + encoding);
        }
    }

    /**
     * Decodes {@code raw} according to {@code contentEncoding} (empty for none).
     *
     * @param rawTruncated whether {@code raw} was itself cut at the download limit
     * @throws IOException when the data is corrupt or the coding unsupported
     */
    static Decoded decode(byte[] raw, boolean rawTruncated, String contentEncoding, long limit)
            throws IOException {
        return decode(raw, rawTruncated, contentEncoding, limit, Integer.MAX_VALUE);
    }

    /**
     * Decodes as above, failing with {@link CompressionBombException} once the output exceeds
     * {@code maxRatio} times the compressed size (past a small grace size).
     */
    static Decoded decode(
            byte[] raw, boolean rawTruncated, String contentEncoding, long limit, int maxRatio)
            throws IOException {
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        long ratioLimit = Math.max(RATIO_GRACE_BYTES, (long) raw.length * maxRatio);
        long effective = Math.min(limit, ratioLimit);
        Decoded d =
                switch (coding) {
                    case "", "identity" -> new Decoded(raw, rawTruncated);
                    case "gzip", "x-gzip" -> GzipInflater.inflate(raw, rawTruncated, effective);
                    case "deflate" -> inflateDeflate(raw, rawTruncated, effective);
                    default -> throw new UnsupportedEncodingException(coding);
                };
        if (d.truncated() && effective < limit && d.bytes().length >= effective) {
            throw new CompressionBombException(raw.length, maxRatio);
        }
        return d;
    }

    private static Decoded inflateDeflate(byte[] raw, boolean rawTruncated, long limit)
            throws IOException {
        // RFC 9110 says zlib-wrapped; some servers send raw deflate. Try the standard first.
        try {
            return inflateWith(new Inflater(false), raw, rawTruncated, limit);
        } catch (ZipException e) {
            return inflateWith(new Inflater(true), raw, rawTruncated, limit);
        }
    }

    private static Decoded inflateWith(
            Inflater inflater, byte[] raw, boolean rawTruncated, long limit) throws IOException {
        try {
            return inflate(
                    new InflaterInputStream(new ByteArrayInputStream(raw), inflater),
                    rawTruncated,
                    limit);
        } finally {
            inflater.end(); // a caller-supplied Inflater is not ended by the stream
        }
    }

    private static Decoded inflate(InputStream in, boolean rawTruncated, long limit)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        try (in) {
            while (true) {
                int room = (int) Math.min(chunk.length, limit - out.size() + 1);
                int n;
                try {
                    n = in.read(chunk, 0, room);
                } catch (EOFException e) {
                    if (rawTruncated) {
                        return new Decoded(out.toByteArray(), true); // we cut the stream ourselves
                    }
                    throw e;
                }
                if (n < 0) {
                    return new Decoded(out.toByteArray(), rawTruncated);
                }
                out.write(chunk, 0, n);
                if (out.size() > limit) {
                    byte[] all = out.toByteArray();
                    return new Decoded(java.util.Arrays.copyOf(all, (int) limit), true);
                }
            }
        }
    }
}
