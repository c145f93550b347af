package dev.crawler.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.PageFacts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes one JSON object per line for each final record: {@code url}, {@code finalUrl}, {@code
 * status}, {@code contentType}, {@code depth}, {@code parent}, {@code redirects}, {@code kind},
 * {@code title}, {@code links}, {@code canonical}, {@code noindex}, {@code truncated}, {@code
 * bytes}, {@code fetchMs}, {@code attempts}, {@code outcome}, {@code unchanged} (a recrawled page
 * answered 304), {@code error}; on a page a handler or rule ran on, {@code items} (items per rule
 * or type) and, when there were problems, {@code extractErrors}.
 *
 * <p>Thread-safe: records are serialized by the calling thread, and written whole under a lock (see
 * LineFile), so lines never interleave.
 */
public final class JsonLinesSink implements CrawlSink {
    private final ObjectMapper mapper = new ObjectMapper();
    private final LineFile file;

    private JsonLinesSink(LineFile file) {
        this.file = file;
    }

    /**
     * Writes to a new file at {@code path} (its folder is created). Records go to {@code path.part}
     * while the crawl runs, which replaces {@code path} when the sink is closed, so an existing
     * output is never half overwritten and a finished file is always whole.
     *
     * @throws IOException when the file cannot be created
     */
    public static JsonLinesSink toFile(Path path) throws IOException {
        return new JsonLinesSink(LineFile.create(path));
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
        return new JsonLinesSink(LineFile.resume(path, LineFile.jsonLines(isFinal)));
    }

    /**
     * Writes to {@code stream}, flushing after each record; the stream is flushed but not closed at
     * the end (for standard output).
     */
    public static JsonLinesSink toStream(OutputStream stream) {
        return new JsonLinesSink(LineFile.stream(stream));
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
        byte[] record = Arrays.copyOf(line, line.length + 1);
        record[line.length] = '\n';
        file.write(record);
    }

    ObjectNode toJson(CrawlResult result) {
        return record(result);
    }

    /** The record of {@code result} as this sink writes it, one JSON object per URL. */
    public static ObjectNode record(CrawlResult result) {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        CrawlRequest request = result.request();
        Optional<ResponseInfo> info = result.response();
        o.put("url", request.url().toString());
        o.put("finalUrl", info.map(i -> i.finalUrl().toString()).orElse(null));
        putOrNull(o, "status", info.map(ResponseInfo::status));
        o.put("contentType", info.map(ResponseInfo::contentType).orElse(null));
        o.put("depth", request.depth());
        o.put("parent", request.parent().map(Object::toString).orElse(null));
        o.put("redirects", request.redirects());
        if (request.body().isPresent()) {
            o.put("method", request.method()); // a GET, the common case, says nothing
            o.put("requestKey", request.key()); // what a resumed crawl checks it by
        }
        o.put("kind", request.kind().name().toLowerCase(Locale.ROOT));
        Optional<CrawlResult.Fetched> fetched =
                result instanceof CrawlResult.Fetched f ? Optional.of(f) : Optional.empty();
        // a recrawl's 304: what the unchanged page was at its last fetch
        Optional<PageFacts> previous =
                result instanceof CrawlResult.Unchanged u ? u.previous() : Optional.empty();
        if (previous.isPresent() && previous.get().contentType().length() > 0) {
            o.put("contentType", previous.get().contentType());
        }
        o.put(
                "title",
                fetched.map(f -> f.page().title())
                        .or(() -> previous.map(PageFacts::title))
                        .orElse(null));
        putOrNull(
                o,
                "links",
                fetched.map(f -> f.page().links().size()).or(() -> previous.map(PageFacts::links)));
        o.put("canonical", fetched.flatMap(f -> f.page().canonical()).orElse(null));
        o.put("noindex", fetched.map(f -> f.page().directives().noindex()).orElse(false));
        o.put("truncated", fetched.map(CrawlResult.Fetched::truncated).orElse(false));
        o.put("httpVersion", fetched.map(f -> f.exchange().httpVersion()).orElse(null));
        putOrNull(o, "bytes", info.map(i -> (int) Math.min(Integer.MAX_VALUE, i.bytes())));
        putOrNull(
                o,
                "fetchMs",
                info.map(i -> (int) Math.min(Integer.MAX_VALUE, i.elapsed().toMillis())));
        o.put("attempts", request.attempt());
        o.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        o.put("unchanged", result instanceof CrawlResult.Unchanged);
        if (result instanceof CrawlResult.Fetched f && f.extracted().handled()) {
            ObjectNode items = o.putObject("items");
            f.extracted().items().forEach(items::put);
            if (!f.extracted().errors().isEmpty()) {
                var errors = o.putArray("extractErrors");
                f.extracted().errors().forEach(errors::add);
            }
        }
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
        file.close();
    }

    /**
     * Ends the output of a run that failed, instead of {@link #close()}: a new file stays as {@code
     * FILE.part} and an existing {@code FILE} is not replaced.
     *
     * @return where the partial output is, for a new file
     */
    public Optional<Path> abandon() {
        return file.abandon();
    }
}
