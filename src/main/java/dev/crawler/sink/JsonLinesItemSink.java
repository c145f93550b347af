package dev.crawler.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

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

    @Override
    public void accept(Item item) {
        byte[] line;
        try {
            ObjectNode o = mapper.createObjectNode();
            o.put("type", item.type());
            o.put("url", item.url().toString());
            o.set("data", mapper.valueToTree(item.data()));
            line = mapper.writeValueAsBytes(o);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(
                    "cannot serialize an item of " + item.url() + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        byte[] record = Arrays.copyOf(line, line.length + 1);
        record[line.length] = '\n';
        file.write(record);
    }

    @Override
    public void close() {
        file.close();
    }
}
