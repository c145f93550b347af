package dev.crawler.fetch;

import java.io.IOException;
import java.util.Optional;

/**
 * Inflates a gzipped file served as is (a {@code sitemap.xml.gz} without {@code Content-Encoding})
 * through the same capped decoder as response bodies: never more than a byte limit, and a
 * compression bomb refused once the output passes a ratio of the compressed size. Stateless and
 * thread-safe.
 */
public final class Gunzip {
    private Gunzip() {}

    /** What inflating gave: the bytes, or why there are none. */
    public sealed interface Result {}

    /** The whole inflated content. */
    public record Inflated(byte[] bytes) implements Result {}

    /** The content inflates past the byte limit. */
    public record TooLarge(long limit) implements Result {}

    /** Not gzip data, corrupt, or a compression bomb; {@code reason} says which. */
    public record Refused(String reason) implements Result {}

    /** Whether {@code data} starts with the gzip magic bytes. */
    public static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    /**
     * Inflates {@code gzipped}.
     *
     * @param limit the most bytes to produce
     * @param maxRatio the most output bytes per compressed byte (past a small grace size)
     */
    public static Result inflate(byte[] gzipped, long limit, int maxRatio) {
        ContentDecoder.Decoded d;
        try {
            d = ContentDecoder.decode(gzipped, false, "gzip", limit, maxRatio);
        } catch (ContentDecoder.CompressionBombException e) {
            return new Refused(e.getMessage());
        } catch (IOException e) {
            return new Refused(
                    "corrupt gzip data: "
                            + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getName()));
        }
        return d.truncated() ? new TooLarge(limit) : new Inflated(d.bytes());
    }
}
