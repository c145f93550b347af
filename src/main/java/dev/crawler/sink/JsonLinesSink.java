package dev.crawler.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.frontier.CrawlRequest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one JSON object per line for each final record: {@code url}, {@code finalUrl}, {@code
 * status}, {@code contentType}, {@code depth}, {@code parent}, {@code redirects}, {@code kind},
 * {@code title}, {@code links}, {@code canonical}, {@code noindex}, {@code truncated}, {@code
 * bytes}, {@code fetchMs}, {@code attempts}, {@code outcome}, {@code error}.
 *
 * <p>Thread-safe: records are serialized by the calling thread, and written whole under a {@link
 * ReentrantLock}, so lines never interleave.
 */
public final class JsonLinesSink implements CrawlSink {
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
        Path target = path.toAbsolutePath();
        Path parent = target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isDirectory(target)) {
            throw new IOException(path + " is a directory");
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        return new JsonLinesSink(
                new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024),
                false,
                true,
                Optional.of(new Rename(part, target)));
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
        o.put(
                "error",
                switch (result) {
                    case CrawlResult.Fetched f -> null;
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
