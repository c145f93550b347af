package dev.crawler.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Items as JSON Lines: {@code {"type": ..., "url": ..., "data": {...}}}, the data serialized by
 * Jackson (maps, records, beans). Thread-safe: serialized on the caller's thread, written whole.
 */
final class JsonLinesItemSink implements ItemSink {
    private final ObjectMapper mapper = new ObjectMapper();
    private final LineFile file;

    JsonLinesItemSink(LineFile file) {
        this.file = file;
    }

    /** One line as written: serialized by Jackson in one pass, without an intermediate tree. */
    private record Line(String type, String url, Object data) {}

    @Override
    public void accept(Item item) {
        byte[] line;
        try {
            line =
                    mapper.writeValueAsBytes(
                            new Line(item.type(), item.url().toString(), item.data()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serialize an item of " + item.url() + ": " + e.getMessage(), e);
        }
        byte[] record = Arrays.copyOf(line, line.length + 1);
        record[line.length] = '\n';
        file.write(record);
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public Optional<Path> abandon() {
        return file.abandon();
    }
}
