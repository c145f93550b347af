package dev.crawler.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.PageFacts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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
    private final JsonFactory json = new JsonFactory();
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
        file.write(line(json, result));
    }

    /** The record of {@code result} as this sink writes it, one JSON object per URL. */
    public static ObjectNode record(CrawlResult result) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(line(new JsonFactory(), result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The record's line, newline included, written field by field: no tree is built (building one,
     * then serializing it, was 5% of a crawl's CPU).
     */
    private static byte[] line(JsonFactory json, CrawlResult result) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024); // a record is 500-800 bytes
        try (JsonGenerator g = json.createGenerator(out)) {
            write(g, result);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serialize record for " + result.request().url(), e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, CrawlResult result) throws IOException {
        CrawlRequest request = result.request();
        Optional<ResponseInfo> info = result.response();
        Optional<CrawlResult.Fetched> fetched =
                result instanceof CrawlResult.Fetched f ? Optional.of(f) : Optional.empty();
        // a recrawl's 304: what the unchanged page was at its last fetch
        Optional<PageFacts> previous =
                result instanceof CrawlResult.Unchanged u ? u.previous() : Optional.empty();
        g.writeStartObject();
        g.writeStringField("url", request.url().toString());
        g.writeStringField("finalUrl", info.map(i -> i.finalUrl().toString()).orElse(null));
        number(g, "status", info.map(ResponseInfo::status));
        g.writeStringField(
                "contentType",
                previous.map(PageFacts::contentType)
                        .filter(t -> !t.isEmpty())
                        .or(() -> info.map(ResponseInfo::contentType))
                        .orElse(null));
        g.writeNumberField("depth", request.depth());
        g.writeStringField("parent", request.parent().map(Object::toString).orElse(null));
        g.writeNumberField("redirects", request.redirects());
        if (request.body().isPresent()) {
            g.writeStringField("method", request.method()); // a GET, the common case, says nothing
            g.writeStringField("requestKey", request.key()); // what a resumed crawl checks it by
        }
        g.writeStringField("kind", request.kind().name().toLowerCase(Locale.ROOT));
        g.writeStringField(
                "title",
                fetched.map(f -> f.page().title())
                        .or(() -> previous.map(PageFacts::title))
                        .orElse(null));
        number(
                g,
                "links",
                fetched.map(f -> f.page().links().size()).or(() -> previous.map(PageFacts::links)));
        g.writeStringField("canonical", fetched.flatMap(f -> f.page().canonical()).orElse(null));
        g.writeBooleanField(
                "noindex", fetched.map(f -> f.page().directives().noindex()).orElse(false));
        g.writeBooleanField("truncated", fetched.map(CrawlResult.Fetched::truncated).orElse(false));
        g.writeStringField(
                "httpVersion", fetched.map(f -> f.exchange().httpVersion()).orElse(null));
        number(g, "bytes", info.map(i -> (int) Math.min(Integer.MAX_VALUE, i.bytes())));
        number(
                g,
                "fetchMs",
                info.map(i -> (int) Math.min(Integer.MAX_VALUE, i.elapsed().toMillis())));
        g.writeNumberField("attempts", request.attempt());
        g.writeStringField("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        g.writeBooleanField("unchanged", result instanceof CrawlResult.Unchanged);
        if (result instanceof CrawlResult.Fetched f && f.extracted().handled()) {
            g.writeObjectFieldStart("items");
            for (Map.Entry<String, Integer> e : f.extracted().items().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            if (!f.extracted().errors().isEmpty()) {
                g.writeArrayFieldStart("extractErrors");
                for (String error : f.extracted().errors()) {
                    g.writeString(error);
                }
                g.writeEndArray();
            }
        }
        g.writeStringField(
                "error",
                switch (result) {
                    case CrawlResult.Fetched f -> null;
                    case CrawlResult.Unchanged u -> null;
                    case CrawlResult.Failed f -> f.error();
                    case CrawlResult.Skipped s -> s.reason();
                });
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, Optional<Integer> value)
            throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(field, value.get().intValue());
        } else {
            g.writeNullField(field);
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
