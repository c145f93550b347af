package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** The direct gzip inflater against the JDK's stream, on every shape a gzip body takes. */
class GzipInflaterTest {
    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** What the JDK's stream reads of {@code gz}. */
    private static byte[] jdk(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] text(Random random, int n) {
        byte[] b = new byte[n];
        String words = "<a href=\"/page/1\">crawler frontier</a> politeness robots ";
        for (int i = 0; i < n; i++) {
            b[i] =
                    random.nextInt(8) == 0
                            ? (byte) random.nextInt(256)
                            : (byte) words.charAt(random.nextInt(words.length()));
        }
        return b;
    }

    @Test
    void inflatesWhatTheJdkInflatesWhateverTheSizeOrTheMembers() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = round < 10 ? round : random.nextInt(round < 250 ? 20_000 : 400_000);
            byte[] gz = gzip(text(random, n));
            if (round % 5 == 0) { // a second member
                byte[] second = gzip(text(random, random.nextInt(5000)));
                gz = concat(gz, second);
            }
            if (round % 7 == 0) { // trailing garbage, which the JDK ignores
                gz = concat(gz, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
            }
            ContentDecoder.Decoded d = GzipInflater.inflate(gz, false, 1 << 30);
            assertThat(d.bytes()).as("round %d", round).isEqualTo(jdk(gz));
            assertThat(d.truncated()).isFalse();
        }
    }

    @Test
    void readsTheOptionalHeaderFields() throws IOException {
        byte[] body =
                "<p>named, commented, with extra and a header CRC</p>"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] plain = gzip(body);
        // FEXTRA | FNAME | FCOMMENT | FHCRC, after the fixed ten bytes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 3);
        out.write(4 | 8 | 16 | 2);
        out.write(plain, 4, 6);
        out.write(new byte[] {3, 0, 'a', 'b', 'c'});
        out.write("page.html\0".getBytes(StandardCharsets.UTF_8));
        out.write("a comment\0".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {0, 0}); // header CRC, which the JDK only checks when it is right
        byte[] withFields = out.toByteArray();
        withFields = concat(withFields, Arrays.copyOfRange(plain, 10, plain.length));
        assertThat(GzipInflater.inflate(withFields, false, 1 << 20).bytes()).isEqualTo(body);
    }

    @Test
    void aLimitCutsAndAnEndWeCutOurselvesTruncates() throws IOException {
        byte[] body = text(new Random(3), 100_000);
        byte[] gz = gzip(body);
        ContentDecoder.Decoded cut = GzipInflater.inflate(gz, false, 1000);
        assertThat(cut.bytes()).isEqualTo(Arrays.copyOf(body, 1000));
        assertThat(cut.truncated()).isTrue();

        byte[] half = Arrays.copyOf(gz, gz.length / 2);
        ContentDecoder.Decoded partial = GzipInflater.inflate(half, true, 1 << 20);
        assertThat(partial.truncated()).isTrue();
        assertThat(partial.bytes()).isNotEmpty();
        assertThat(body).startsWith(partial.bytes());
        assertThatThrownBy(() -> GzipInflater.inflate(half, false, 1 << 20))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aLyingTrailerOrCorruptDataFails() throws IOException {
        byte[] gz = gzip("<p>checked</p>".repeat(100).getBytes(StandardCharsets.UTF_8));
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        assertThatThrownBy(() -> GzipInflater.inflate(badCrc, false, 1 << 20))
                .isInstanceOf(ZipException.class)
                .hasMessageContaining("trailer");
        byte[] bigLength = gz.clone();
        bigLength[gz.length - 1] = 0x7f; // claims 2 GB: neither believed nor allocated
        assertThatThrownBy(() -> GzipInflater.inflate(bigLength, false, 1 << 20))
                .isInstanceOf(ZipException.class);
        byte[] corrupt = gz.clone();
        for (int i = 12; i < 30; i++) {
            corrupt[i] = (byte) 0xff;
        }
        assertThatThrownBy(() -> GzipInflater.inflate(corrupt, false, 1 << 20))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(
                        () ->
                                GzipInflater.inflate(
                                        "not gzip".getBytes(StandardCharsets.UTF_8),
                                        false,
                                        1 << 20))
                .isInstanceOf(ZipException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
