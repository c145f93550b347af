package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.BodyFolderSink;
import dev.crawler.sink.WarcSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.Warcinfo;

/** WARC files that jwarc reads back with valid digests; bodies saved under safe names. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutputFormatsTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;

    private static CrawlConfig config() {
        return CrawlConfig.builder()
                .hostDelay(Duration.ZERO)
                .hostConcurrency(8)
                .respectRobots(false)
                .build();
    }

    private void site() throws Exception {
        StringBuilder links = new StringBuilder("<html><title>Home</title><body>");
        for (int i = 0; i < 12; i++) {
            links.append("<a href=\"/p").append(i).append("\">p").append(i).append("</a>");
            wm.stubFor(
                    get(urlEqualTo("/p" + i))
                            .willReturn(
                                    ok("<html><title>Page "
                                                    + i
                                                    + "</title><p>"
                                                    + "text ".repeat(300)
                                                    + "</p></html>")
                                            .withHeader(
                                                    "Content-Type", "text/html; charset=utf-8")));
        }
        wm.stubFor(
                get(urlEqualTo("/"))
                        .willReturn(
                                ok(links + "<a href=\"/gone\">x</a></body></html>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("<html><title>Zipped</title></html>".getBytes(StandardCharsets.UTF_8));
        }
        wm.stubFor(
                get(urlEqualTo("/zip"))
                        .willReturn(
                                ok().withBody(gz.toByteArray())
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader("Content-Encoding", "gzip")));
    }

    @Test
    void warcFilesOpenWithJwarcAndEveryDigestVerifies() throws Exception {
        site();
        Path warcDir = dir.resolve("warc");
        WarcSink warc =
                new WarcSink(warcDir, "crawl", 8 * 1024, "test-crawler"); // tiny: forces rotation
        CollectingSink records = new CollectingSink();
        CrawlSummary summary;
        try (Crawler crawler =
                Crawler.builder()
                        .config(config())
                        .seeds(wm.baseUrl() + "/", wm.baseUrl() + "/zip")
                        .sink(records)
                        .sink(warc)
                        .build()) {
            summary = crawler.run();
        }

        List<Path> files = warc.files();
        assertThat(files).hasSizeGreaterThan(1); // rotated by size
        try (var listing = Files.list(warcDir)) {
            assertThat(listing.filter(p -> p.toString().endsWith(".open"))).isEmpty();
        }
        int responses = 0;
        Set<String> urls = new HashSet<>();
        for (Path file : files) {
            try (WarcReader reader = new WarcReader(file)) {
                assertThat(reader.compression()).isEqualTo(WarcCompression.GZIP);
                List<WarcRecord> all = new ArrayList<>();
                for (WarcRecord record : reader) {
                    assertThat(record.version().toString()).isEqualTo("WARC/1.1");
                    byte[] block = record.body().stream().readAllBytes();
                    if (!(record instanceof Warcinfo)) {
                        assertThat(record.blockDigest())
                                .as("block digest of %s", record.type())
                                .contains(new WarcDigest("sha1", sha1(block)));
                    }
                    if (record instanceof WarcResponse response) {
                        responses++;
                        urls.add(response.target());
                        String http = new String(block, StandardCharsets.ISO_8859_1);
                        assertThat(http).startsWith("HTTP/1.1 200 ");
                        assertThat(response.headers().first("WARC-Protocol")).hasValue("http/1.1");
                        int split = http.indexOf("\r\n\r\n") + 4;
                        byte[] payload = java.util.Arrays.copyOfRange(block, split, block.length);
                        assertThat(response.payloadDigest())
                                .contains(new WarcDigest("sha1", sha1(payload)));
                    }
                    all.add(record);
                }
                assertThat(all.get(0))
                        .as("each file opens with warcinfo")
                        .isInstanceOf(Warcinfo.class);
                for (int i = 1; i < all.size(); i += 3) {
                    assertThat(all.get(i)).isInstanceOf(WarcRequest.class);
                    assertThat(all.get(i).headers().first("WARC-Protocol")).hasValue("http/1.1");
                    assertThat(all.get(i + 1)).isInstanceOf(WarcResponse.class);
                    assertThat(all.get(i + 2)).isInstanceOf(WarcMetadata.class);
                }
            }
        }
        assertThat(responses).isEqualTo((int) summary.fetched()); // 404s are not archived
        assertThat(urls).contains(wm.baseUrl() + "/zip", wm.baseUrl() + "/p11");
    }

    @Test
    void credentialsSentAreNotArchived() throws Exception {
        site();
        WarcSink warc = new WarcSink(dir, "secret", 1L << 30, "test-crawler");
        try (Crawler crawler =
                Crawler.builder()
                        .config(
                                config().toBuilder()
                                        .maxDepth(0)
                                        .hostAuth(
                                                java.util.Map.of("localhost", "Bearer t0p-s3cret"))
                                        .build())
                        .seeds(wm.baseUrl() + "/")
                        .sink(warc)
                        .build()) {
            crawler.run();
        }
        wm.verify(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
                        .withHeader(
                                "Authorization",
                                com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                                        "Bearer t0p-s3cret")));
        byte[] all = java.nio.file.Files.readAllBytes(warc.files().get(0));
        String text;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(all))) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        // before: the bearer token was in the archive's request record
        assertThat(text).contains("Authorization: ***").doesNotContain("t0p-s3cret");
    }

    @Test
    void theMetadataRecordListsOutlinksAndTheResponseKeepsTheReceivedBytes() throws Exception {
        site();
        WarcSink warc = new WarcSink(dir, "one", 1L << 30, "test-crawler");
        try (Crawler crawler =
                Crawler.builder()
                        .config(config().toBuilder().maxDepth(0).build())
                        .seeds(wm.baseUrl() + "/", wm.baseUrl() + "/zip")
                        .sink(warc)
                        .build()) {
            crawler.run();
        }
        try (WarcReader reader = new WarcReader(warc.files().get(0))) {
            boolean sawOutlinks = false;
            boolean sawGzip = false;
            for (WarcRecord record : reader) {
                if (record instanceof WarcMetadata m && m.target().equals(wm.baseUrl() + "/")) {
                    String fields =
                            new String(m.body().stream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(fields)
                            .contains("outlink: " + wm.baseUrl() + "/p0")
                            .contains("outlink: " + wm.baseUrl() + "/gone");
                    sawOutlinks = true;
                }
                if (record instanceof WarcResponse r && r.target().endsWith("/zip")) {
                    assertThat(r.http().headers().first("Content-Encoding")).contains("gzip");
                    byte[] raw = r.http().body().stream().readAllBytes();
                    assertThat(raw[0] & 0xff).isEqualTo(0x1f); // still gzipped, as received
                    assertThat(raw[1] & 0xff).isEqualTo(0x8b);
                    sawGzip = true;
                }
            }
            assertThat(sawOutlinks).isTrue();
            assertThat(sawGzip).isTrue();
        }
    }

    @Test
    void bodiesAreSavedUnderSafeUniqueNames() throws Exception {
        site();
        Path bodies = dir.resolve("bodies");
        try (Crawler crawler =
                Crawler.builder()
                        .config(config())
                        .seeds(wm.baseUrl() + "/", wm.baseUrl() + "/zip")
                        .sink(new BodyFolderSink(bodies))
                        .build()) {
            crawler.run();
        }
        List<Path> files;
        try (var walk = Files.walk(bodies)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(14); // home, 12 pages, the zipped page (decoded)
        assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString()).endsWith(".html"));
        assertThat(
                        files.stream()
                                .map(
                                        f -> {
                                            try {
                                                return Files.readString(f);
                                            } catch (java.io.IOException e) {
                                                throw new java.io.UncheckedIOException(e);
                                            }
                                        }))
                .contains("<html><title>Zipped</title></html>");
    }

    private static byte[] sha1(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(data);
    }
}
