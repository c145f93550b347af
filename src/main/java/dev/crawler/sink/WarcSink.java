package dev.crawler.sink;

import dev.crawler.fetch.RawExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes WARC 1.1 files with jwarc: each file opens with a {@code warcinfo} record; each fetched
 * page adds a {@code request}, a {@code response} and a {@code metadata} record (its outlinks),
 * every record gzipped on its own, with SHA-1 block and payload digests. Files rotate past a size
 * and are written as {@code NAME.warc.gz.open}, renamed when complete.
 *
 * <p>The HTTP messages are rebuilt from what the JDK client reports: status line, headers and the
 * body exactly as received (still content-encoded); a {@code Transfer-Encoding} header is dropped,
 * since the client has already removed the chunking.
 *
 * <p>Thread-safe: the three records of one page are written together under a {@link ReentrantLock}.
 */
public final class WarcSink implements CrawlSink {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String prefix;
    private final long maxFileSize;
    private final String software;
    private final ReentrantLock lock = new ReentrantLock();
    private Optional<Open> current = Optional.empty(); // guarded by lock
    private int sequence; // guarded by lock

    private record Open(WarcWriter writer, FileChannel channel, Path part, Path done) {}

    /**
     * A WARC writer into {@code dir} (created if needed).
     *
     * @param prefix start of each file name, e.g. {@code crawl}
     * @param maxFileSize a file is closed and a new one started once it passes this size
     * @param software the {@code software} field of the warcinfo records
     */
    public WarcSink(Path dir, String prefix, long maxFileSize, String software) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.prefix = prefix;
        this.maxFileSize = maxFileSize;
        this.software = software;
    }

    @Override
    public void accept(CrawlResult result) {
        if (!(result instanceof CrawlResult.Fetched fetched)) {
            return; // only fetched pages have a body to archive
        }
        lock.lock();
        try {
            Open file = openIfNeeded();
            write(file.writer(), fetched);
            if (file.channel().position() >= maxFileSize) {
                finish(file);
                current = Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write WARC: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The WARC files completed so far, in order. */
    public List<Path> files() throws IOException {
        try (var stream = Files.list(dir)) {
            return stream.filter(p -> p.getFileName().toString().startsWith(prefix + "-"))
                    .filter(p -> p.getFileName().toString().endsWith(".warc.gz"))
                    .sorted()
                    .toList();
        }
    }

    private Open openIfNeeded() throws IOException {
        if (current.isPresent()) {
            return current.get();
        }
        String name =
                prefix
                        + "-"
                        + STAMP.format(java.time.Instant.now())
                        + "-"
                        + String.format(Locale.ROOT, "%05d", sequence++)
                        + ".warc.gz";
        Path done = dir.resolve(name);
        Path part = dir.resolve(name + ".open");
        FileChannel channel =
                FileChannel.open(
                        part,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
        WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of(software));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put(
                "conformsTo",
                List.of(
                        "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        writer.write(
                new Warcinfo.Builder()
                        .version(MessageVersion.WARC_1_1)
                        .filename(name)
                        .fields(fields)
                        .build());
        Open open = new Open(writer, channel, part, done);
        current = Optional.of(open);
        return open;
    }

    private static void write(WarcWriter writer, CrawlResult.Fetched fetched) throws IOException {
        RawExchange x = fetched.exchange();
        URI target = x.url();
        byte[] requestBytes = HttpMessages.requestBytes(x, fetched.request());
        WarcRequest request =
                new WarcRequest.Builder(target)
                        .version(MessageVersion.WARC_1_1)
                        .date(x.date())
                        .blockDigest(sha1(requestBytes))
                        .body(MediaType.HTTP_REQUEST, requestBytes)
                        .addHeader("WARC-Protocol", protocol(x))
                        .build();
        byte[] responseBytes = HttpMessages.responseBytes(x);
        WarcResponse.Builder response =
                new WarcResponse.Builder(target)
                        .version(MessageVersion.WARC_1_1)
                        .date(x.date())
                        .concurrentTo(request.id())
                        .blockDigest(sha1(responseBytes))
                        .payloadDigest(sha1(x.rawBody()))
                        .body(MediaType.HTTP_RESPONSE, responseBytes)
                        .addHeader("WARC-Protocol", protocol(x));
        if (x.truncated()) {
            response.truncated(WarcTruncationReason.LENGTH);
        }
        WarcResponse built = response.build();
        StringBuilder fields = new StringBuilder();
        for (String link : fetched.page().links()) {
            fields.append("outlink: ")
                    .append(link.replace("\r", "").replace("\n", ""))
                    .append("\r\n");
        }
        byte[] metadataBytes = fields.toString().getBytes(StandardCharsets.UTF_8);
        WarcMetadata metadata =
                new WarcMetadata.Builder()
                        .version(MessageVersion.WARC_1_1)
                        .targetURI(target)
                        .date(x.date())
                        .concurrentTo(built.id())
                        .blockDigest(sha1(metadataBytes))
                        .body(MediaType.WARC_FIELDS, metadataBytes)
                        .build();
        writer.write(request);
        writer.write(built);
        writer.write(metadata);
    }

    /**
     * The exchange's protocol as WARC-Protocol names it (its ALPN identifier: {@code h2}, {@code
     * http/1.1}); an HTTP/2 exchange is still written as an HTTP/1.1-style message, as wget and
     * warcprox do.
     */
    static String protocol(RawExchange x) {
        return x.httpVersion().equals("HTTP/2") ? "h2" : "http/1.1";
    }

    private static WarcDigest sha1(byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(bytes);
            return new WarcDigest(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static void finish(Open file) throws IOException {
        file.writer().close();
        Files.move(file.part(), file.done(), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (current.isPresent()) {
                finish(current.get());
                current = Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish WARC: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
