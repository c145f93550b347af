package dev.crawler.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Inflates a gzip body (RFC 1952) straight from its bytes into one array, sized from the length its
 * trailer states when that is plausible: no stream wrappers, no copy buffer, no array that grows by
 * doubling (the stream-based decoding was a quarter of everything a crawl allocated). Checks each
 * member's CRC-32 and length as {@link java.util.zip.GZIPInputStream} does, reads concatenated
 * members and ignores trailing garbage as it does. Stateless and thread-safe.
 */
final class GzipInflater {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    /** Most output bytes presized per compressed byte: past it, the array grows as it fills. */
    private static final int PRESIZE_RATIO = 16;

    private GzipInflater() {}

    /**
     * The inflated bytes of {@code raw}, at most {@code limit} of them (then cut, truncated).
     *
     * @param rawTruncated whether {@code raw} was cut at the download limit: an end of input then
     *     truncates the result instead of failing
     * @throws IOException when {@code raw} is not gzip, or corrupt
     */
    static ContentDecoder.Decoded inflate(byte[] raw, boolean rawTruncated, long limit)
            throws IOException {
        int cap = (int) Math.min(limit + 1, Integer.MAX_VALUE - 16);
        int pos = header(raw, 0).orElseThrow(() -> new ZipException("Not in GZIP format"));
        byte[] out = new byte[initialSize(raw, rawTruncated, cap)];
        int size = 0;
        Inflater inflater = new Inflater(true);
        try {
            while (true) {
                int memberStart = size;
                inflater.setInput(raw, pos, raw.length - pos);
                while (!inflater.finished()) {
                    if (size == out.length) {
                        if (size >= cap) {
                            return new ContentDecoder.Decoded(
                                    Arrays.copyOf(out, (int) limit), true);
                        }
                        out = Arrays.copyOf(out, (int) Math.min(cap, Math.max(64, 2L * size)));
                    }
                    int n;
                    try {
                        n = inflater.inflate(out, size, out.length - size);
                    } catch (DataFormatException e) {
                        throw new ZipException(e.getMessage() == null ? "corrupt" : e.getMessage());
                    }
                    size += n;
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        if (rawTruncated && inflater.needsInput()) {
                            return done(out, size, limit, true); // we cut the stream ourselves
                        }
                        throw new EOFException("Unexpected end of ZLIB input stream");
                    }
                }
                if (size > limit) {
                    return done(out, size, limit, true);
                }
                int trailer = raw.length - inflater.getRemaining();
                if (raw.length - trailer < 8) {
                    if (rawTruncated) {
                        return done(out, size, limit, true);
                    }
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
                CRC32 crc = new CRC32();
                crc.update(out, memberStart, size - memberStart);
                if (le32(raw, trailer) != crc.getValue()
                        || le32(raw, trailer + 4) != ((size - memberStart) & 0xffffffffL)) {
                    throw new ZipException("Corrupt GZIP trailer");
                }
                pos = trailer + 8;
                OptionalInt next = header(raw, pos);
                if (next.isEmpty()) {
                    return done(out, size, limit, rawTruncated); // no further member: the end
                }
                pos = next.getAsInt();
                inflater.reset();
            }
        } finally {
            inflater.end();
        }
    }

    private static ContentDecoder.Decoded done(byte[] out, int size, long limit, boolean cut) {
        if (size > limit) {
            return new ContentDecoder.Decoded(Arrays.copyOf(out, (int) limit), true);
        }
        return new ContentDecoder.Decoded(size == out.length ? out : Arrays.copyOf(out, size), cut);
    }

    /** The length the last trailer states, when it is plausible; else a guess from the ratio. */
    private static int initialSize(byte[] raw, boolean rawTruncated, int cap) {
        long ratioBound = Math.min(cap, (long) raw.length * PRESIZE_RATIO + 64 * 1024);
        if (!rawTruncated && raw.length >= 18) {
            long stated = le32(raw, raw.length - 4);
            if (stated <= ratioBound) {
                return (int) Math.max(stated, 1);
            }
        }
        return (int) Math.min(ratioBound, Math.max(4096, (long) raw.length * 4));
    }

    /** Where the deflate data of the member whose header starts at {@code at} begins. */
    private static OptionalInt header(byte[] b, int at) {
        if (b.length - at < 10
                || (b[at] & 0xff) != 0x1f
                || (b[at + 1] & 0xff) != 0x8b
                || b[at + 2] != 8) {
            return OptionalInt.empty();
        }
        int flags = b[at + 3] & 0xff;
        int p = at + 10;
        if ((flags & FEXTRA) != 0) {
            if (b.length - p < 2) {
                return OptionalInt.empty();
            }
            p += 2 + ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (p < b.length && b[p] != 0) {
                    p++;
                }
                p++; // the terminating zero
            }
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        return p <= b.length ? OptionalInt.of(p) : OptionalInt.empty();
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL)
                | (b[at + 1] & 0xffL) << 8
                | (b[at + 2] & 0xffL) << 16
                | (b[at + 3] & 0xffL) << 24;
    }
}
