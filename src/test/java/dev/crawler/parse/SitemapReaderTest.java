package dev.crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The sitemap parser itself refuses documents with a DTD, whatever their wrapping: a gzipped one, a
 * UTF-16 one, one whose DOCTYPE comes after 4 KiB of comment. There was a check of ours in front of
 * the parser, on the first 4 KiB of the raw bytes, which all three of these passed; it is gone, and
 * each case is shown to be refused for its DTD (the same document without one is read).
 */
class SitemapReaderTest {
    private static final URI URL = URI.create("http://x.test/sitemap.xml");
    private final SitemapReader reader = new SitemapReader();

    private static final String DTD =
            "<!DOCTYPE urlset [ <!ENTITY file SYSTEM \"file:///etc/passwd\"> ]>";

    private static String doc(String encoding, String prefix, boolean dtd) {
        return "<?xml version=\"1.0\" encoding=\""
                + encoding
                + "\"?>"
                + prefix
                + (dtd ? DTD : "")
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<url><loc>http://x.test/a"
                + (dtd ? "&file;" : "")
                + "</loc></url></urlset>";
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gz.toByteArray();
    }

    /** The document is read without its DTD, and refused with it. */
    private void refusedForItsDtd(
            String encoding,
            Charset charset,
            String prefix,
            Function<byte[], byte[]> wrap,
            String contentType,
            URI url) {
        byte[] plain = wrap.apply(doc(encoding, prefix, false).getBytes(charset));
        assertThat(reader.read(plain, contentType, url))
                .isEqualTo(new SitemapReader.Pages(List.of("http://x.test/a")));
        byte[] withDtd = wrap.apply(doc(encoding, prefix, true).getBytes(charset));
        SitemapReader.Content refused = reader.read(withDtd, contentType, url);
        assertThat(refused).isInstanceOf(SitemapReader.Invalid.class);
        if (!contentType.contains("gzip")) {
            // gzipped, crawler-commons refuses it earlier: it cannot tell the inner type
            assertThat(((SitemapReader.Invalid) refused).reason())
                    .contains("DOCTYPE is disallowed");
        }
    }

    @Test
    void aPlainDoctypeIsRefused() {
        refusedForItsDtd("UTF-8", StandardCharsets.UTF_8, "", b -> b, "application/xml", URL);
    }

    @Test
    void aGzippedDoctypeIsRefused() {
        refusedForItsDtd(
                "UTF-8",
                StandardCharsets.UTF_8,
                "",
                SitemapReaderTest::gzip,
                "application/gzip",
                URI.create("http://x.test/sitemap.xml.gz"));
    }

    @Test
    void aUtf16DoctypeIsRefused() {
        // crawler-commons reads no UTF-16 sitemap at all; with a DTD it is refused all the same
        byte[] withDtd = doc("UTF-16", "", true).getBytes(StandardCharsets.UTF_16);
        assertThat(reader.read(withDtd, "application/xml", URL))
                .isInstanceOf(SitemapReader.Invalid.class);
    }

    @Test
    void aDoctypeAfterFourKilobytesIsRefused() {
        refusedForItsDtd(
                "UTF-8",
                StandardCharsets.UTF_8,
                "<!-- " + "x".repeat(5_000) + " -->",
                b -> b,
                "application/xml",
                URL);
    }
}
