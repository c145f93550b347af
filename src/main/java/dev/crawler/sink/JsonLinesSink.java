package dev.crawler.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.frontier.CrawlRequest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON object per line for each final record: {@code url}, {@code finalUrl}, {@code
 * status}, {@code contentType}, {@code depth}, {@code parent}, {@code redirects}, {@code kind},
 * {@code title}, {@code links}, {@code canonical}, {@code noindex}, {@code truncated}, {@code
 * bytes}, {@code fetchMs}, {@code attempts}, {@code outcome}, {@code unchanged} (a recrawled page
 * answered 304), {@code error}.
 *
 * <p>Thread-safe: records are serialized by the calling thread, and written whole under a {@link
 * ReentrantLock}, so lines never interleave.
 */
public final class JsonLinesSink implements CrawlSink {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesSink.class);
    private final ObjectMapper mapper = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    private final boolean flushEachRecord;
    private final boolean closeStream;
    private final Optional<Rename> rename;

    /** The finished file replaces {@code to} when the sink closes. */
    private record Rename(Path from, Path to) {}

    private JsonLinesSink(
            OutputStream out,
            boolean flushEachRecord,
            boolean closeStream,
            Optional<Rename> rename) {
        this.out = out;
        this.flushEachRecord = flushEachRecord;
        this.closeStream = closeStream;
        this.rename = rename;
    }

    /**
     * Writes to a new file at {@code path} (its folder is created). Records go to {@code path.part}
     * while the crawl runs, which replaces {@code path} when the sink is closed, so an existing
     * output is never half overwritten and a finished file is always whole.
     *
     * @throws IOException when the file cannot be created
     */
    public static JsonLinesSink toFile(Path path) throws IOException {
        Path target = outputFile(path);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        return new JsonLinesSink(
                new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024),
                false,
                true,
                Optional.of(new Rename(part, target)));
    }

    /**
     * Appends to the output of a crawl that is resumed from its state folder: records are written
     * straight to {@code path} and flushed one by one, so that a record is in the file before the
     * state marks its URL final. Before the first record, the existing file is cleaned: a torn last
     * line (the process died while writing it) and the records of URLs the state does not hold as
     * final (it died after writing them and before saving their state, or they are to be fetched
     * again) are removed, so the resumed crawl appends each URL's record exactly once. The cleaned
     * file replaces the old one atomically.
     *
     * @param isFinal whether the state holds a URL (as written in the {@code url} field) as final
     * @throws IOException when the file cannot be read, cleaned or opened
     */
    public static JsonLinesSink resuming(Path path, Predicate<String> isFinal) throws IOException {
        Path target = outputFile(path);
        if (Files.exists(target)) {
            clean(target, isFinal);
        }
        return new JsonLinesSink(
                new BufferedOutputStream(
                        Files.newOutputStream(
                                target, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                        64 * 1024),
                true,
                true,
                Optional.empty());
    }

    /** The absolute output path, its folder created; refuses a folder. */
    private static Path outputFile(Path path) throws IOException {
        Path target = path.toAbsolutePath();
        Path parent = target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isDirectory(target)) {
            throw new IOException(path + " is a directory");
        }
        return target;
    }

    /** Rewrites {@code file} without its torn last line and the records not final. */
    private static void clean(Path file, Predicate<String> isFinal) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path tmp = file.resolveSibling(file.getFileName() + ".resume");
        long kept = 0;
        long dropped = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                OutputStream out =
                        new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            int b;
            while ((b = in.read()) != -1) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                byte[] bytes = line.toByteArray();
                line.reset();
                if (keep(mapper, bytes, isFinal)) {
                    out.write(bytes);
                    out.write('\n');
                    kept++;
                } else {
                    dropped++;
                }
            }
            if (line.size() > 0) {
                dropped++; // torn: the last record was cut off mid-line
            }
        }
        if (dropped == 0) {
            Files.delete(tmp);
            return;
        }
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info(
                "Resumed output {}: kept {} records, removed {} (torn or not final)",
                file,
                kept,
                dropped);
    }

    private static boolean keep(ObjectMapper mapper, byte[] line, Predicate<String> isFinal) {
        try {
            JsonNode url = mapper.readTree(line).get("url");
            return url != null && url.isTextual() && isFinal.test(url.asText());
        } catch (IOException e) {
            return false; // not a whole record
        }
    }

    /**
     * Writes to {@code stream}, flushing after each record; the stream is flushed but not closed at
     * the end (for standard output).
     */
    public static JsonLinesSink toStream(OutputStream stream) {
        return new JsonLinesSink(stream, true, false, Optional.empty());
    }

    @Override
    public void accept(CrawlResult result) {
        byte[] line;
        try {
            line = mapper.writeValueAsBytes(toJson(result));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serialize record for " + result.request().url(), e);
        }
        lock.lock();
        try {
            out.write(line);
            out.write('\n');
            if (flushEachRecord) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write output: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    ObjectNode toJson(CrawlResult result) {
        ObjectNode o = mapper.createObjectNode();
        CrawlRequest request = result.request();
        Optional<ResponseInfo> info = result.response();
        o.put("url", request.url().toString());
        o.put("finalUrl", info.map(i -> i.finalUrl().toString()).orElse(null));
        putOrNull(o, "status", info.map(ResponseInfo::status));
        o.put("contentType", info.map(ResponseInfo::contentType).orElse(null));
        o.put("depth", request.depth());
        o.put("parent", request.parent().map(Object::toString).orElse(null));
        o.put("redirects", request.redirects());
        o.put("kind", request.kind().name().toLowerCase(Locale.ROOT));
        Optional<CrawlResult.Fetched> fetched =
                result instanceof CrawlResult.Fetched f ? Optional.of(f) : Optional.empty();
        o.put("title", fetched.map(f -> f.page().title()).orElse(null));
        putOrNull(o, "links", fetched.map(f -> f.page().links().size()));
        o.put("canonical", fetched.flatMap(f -> f.page().canonical()).orElse(null));
        o.put("noindex", fetched.map(f -> f.page().directives().noindex()).orElse(false));
        o.put("truncated", fetched.map(CrawlResult.Fetched::truncated).orElse(false));
        putOrNull(o, "bytes", info.map(i -> (int) Math.min(Integer.MAX_VALUE, i.bytes())));
        putOrNull(
                o,
                "fetchMs",
                info.map(i -> (int) Math.min(Integer.MAX_VALUE, i.elapsed().toMillis())));
        o.put("attempts", request.attempt());
        o.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        o.put("unchanged", result instanceof CrawlResult.Unchanged);
        o.put(
                "error",
                switch (result) {
                    case CrawlResult.Fetched f -> null;
                    case CrawlResult.Unchanged u -> null;
                    case CrawlResult.Failed f -> f.error();
                    case CrawlResult.Skipped s -> s.reason();
                });
        return o;
    }

    private static void putOrNull(ObjectNode o, String field, Optional<Integer> value) {
        if (value.isPresent()) {
            o.put(field, value.get().intValue());
        } else {
            o.putNull(field);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
            if (rename.isPresent()) {
                Files.move(
                        rename.get().from(),
                        rename.get().to(),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish output: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
