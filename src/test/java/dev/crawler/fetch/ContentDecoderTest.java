package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {
    private static final byte[] TEXT =
            "<html><title>hello</title></html>".repeat(50).getBytes(StandardCharsets.UTF_8);

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    @Test
    void decodesGzipAndBothKindsOfDeflate() throws IOException {
        assertThat(ContentDecoder.decode(gzip(TEXT), false, "gzip", 1 << 20).bytes())
                .isEqualTo(TEXT);
        assertThat(ContentDecoder.decode(deflate(TEXT, false), false, "deflate", 1 << 20).bytes())
                .isEqualTo(TEXT);
        assertThat(ContentDecoder.decode(deflate(TEXT, true), false, "Deflate ", 1 << 20).bytes())
                .isEqualTo(TEXT);
        assertThat(ContentDecoder.decode(TEXT, false, "", 1 << 20).bytes()).isEqualTo(TEXT);
    }

    @Test
    void aGzipBombStopsAtTheLimit() throws IOException {
        byte[] bomb = gzip(new byte[50 << 20]); // 50 MiB of zeros in about 50 KiB
        assertThat(bomb.length).isLessThan(100_000);
        ContentDecoder.Decoded d = ContentDecoder.decode(bomb, false, "gzip", 1 << 20);
        assertThat(d.bytes()).hasSize(1 << 20);
        assertThat(d.truncated()).isTrue();
    }

    @Test
    void aStreamWeCutOurselvesDecodesAsFarAsItGoes() throws IOException {
        byte[] whole = gzip(TEXT);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        ContentDecoder.Decoded d = ContentDecoder.decode(cut, true, "gzip", 1 << 20);
        assertThat(d.truncated()).isTrue();
        assertThat(TEXT).startsWith(d.bytes());
    }

    @Test
    void rejectsCorruptDataAndUnknownCodings() {
        assertThatThrownBy(
                        () ->
                                ContentDecoder.decode(
                                        "not gzip".getBytes(StandardCharsets.UTF_8),
                                        false,
                                        "gzip",
                                        100))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ContentDecoder.decode(TEXT, false, "br", 100))
                .isInstanceOf(ContentDecoder.UnsupportedEncodingException.class)
                .hasMessageContaining("br");
    }
}
