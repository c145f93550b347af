package dev.crawler.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.fetch.ResponseInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one JSON object per line for each final record: {@code url}, {@code finalUrl}, {@code
 * status}, {@code contentType}, {@code depth}, {@code parent}, {@code title}, {@code links}, {@code
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

    private JsonLinesSink(OutputStream out, boolean flushEachRecord, boolean closeStream) {
        this.out = out;
        this.flushEachRecord = flushEachRecord;
        this.closeStream = closeStream;
    }

    /**
     * Writes to a new file at {@code path} (its folder is created; an existing file is replaced).
     *
     * @throws IOException when the file cannot be created
     */
    public static JsonLinesSink toFile(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new JsonLinesSink(
                new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024), false, true);
    }

    /**
     * Writes to {@code stream}, flushing after each record; the stream is flushed but not closed at
     * the end (for standard output).
     */
    public static JsonLinesSink toStream(OutputStream stream) {
        return new JsonLinesSink(stream, true, false);
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
        var request = result.request();
        o.put("url", request.url().toString());
        ResponseInfo info = result.response().orElse(null);
        if (info != null) {
            o.put("finalUrl", info.finalUrl().toString());
            o.put("status", info.status());
            o.put("contentType", info.contentType());
        } else {
            o.putNull("finalUrl");
            o.putNull("status");
            o.putNull("contentType");
        }
        o.put("depth", request.depth());
        o.put("parent", request.parent().map(Object::toString).orElse(null));
        switch (result) {
            case CrawlResult.Fetched f -> {
                o.put("title", f.page().title());
                o.put("links", f.page().links().size());
            }
            case CrawlResult.Failed ignored -> {
                o.putNull("title");
                o.putNull("links");
            }
            case CrawlResult.Skipped ignored -> {
                o.putNull("title");
                o.putNull("links");
            }
        }
        if (info != null) {
            o.put("bytes", info.bytes());
            o.put("fetchMs", info.elapsed().toMillis());
        } else {
            o.putNull("bytes");
            o.putNull("fetchMs");
        }
        o.put("attempts", request.attempt());
        o.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        switch (result) {
            case CrawlResult.Fetched f -> {
                if (f.truncated()) {
                    o.put("error", "body truncated at the size cap");
                } else {
                    o.putNull("error");
                }
            }
            case CrawlResult.Failed f -> o.put("error", f.error());
            case CrawlResult.Skipped s -> o.put("error", s.reason());
        }
        return o;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish output: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
