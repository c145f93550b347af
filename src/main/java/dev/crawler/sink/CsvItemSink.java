package dev.crawler.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Items as CSV (RFC 4180, through Jackson's CSV module): a header {@code type,url,COLUMNS}, then a
 * row per item. A list or mapping cell is its JSON; a missing field is empty. Thread-safe: rows are
 * written whole; the columns are fixed by the first item when none were given.
 */
final class CsvItemSink implements ItemSink {
    /** Quotes a cell only when it must be (a comma, quote or line break), as Python's csv does. */
    private static final CsvMapper CSV =
            CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final ObjectMapper json = new ObjectMapper();
    private final LineFile file;
    private final AtomicReference<List<String>> columns;
    private final boolean headerWritten;

    private CsvItemSink(LineFile file, List<String> columns, boolean headerWritten) {
        this.file = file;
        this.columns = new AtomicReference<>(columns.isEmpty() ? null : List.copyOf(columns));
        this.headerWritten = headerWritten;
        if (!headerWritten && !columns.isEmpty()) {
            file.write(row(header(columns)));
        }
    }

    static CsvItemSink create(Path path, List<String> columns) throws IOException {
        return new CsvItemSink(LineFile.create(path), columns, false);
    }

    static CsvItemSink stream(OutputStream out, List<String> columns) {
        return new CsvItemSink(LineFile.stream(out), columns, false);
    }

    static CsvItemSink resume(Path path, List<String> columns, Predicate<String> isFinal)
            throws IOException {
        Path file = LineFile.outputFile(path);
        boolean hasHeader = Files.exists(file) && Files.size(file) > 0;
        if (hasHeader) {
            List<String> existing = readHeader(file);
            if (!columns.isEmpty() && !existing.equals(header(columns))) {
                throw new IOException(
                        path + " has the columns " + existing + ", not " + header(columns));
            }
            columns = existing.subList(2, existing.size());
        }
        return new CsvItemSink(LineFile.resume(path, cleaner(isFinal)), columns, hasHeader);
    }

    private static List<String> readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                MappingIterator<List<String>> rows = reader().readValues(in)) {
            return rows.hasNext() ? rows.next() : List.of();
        }
    }

    private static com.fasterxml.jackson.databind.ObjectReader reader() {
        return CSV.readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY);
    }

    /** Keeps the header and the whole rows whose {@code url} the state holds as final. */
    private static LineFile.Cleaner cleaner(Predicate<String> isFinal) {
        return (in, out) -> {
            byte[] all = in.readAllBytes();
            boolean torn = all.length > 0 && all[all.length - 1] != '\n';
            List<List<String>> rows = new ArrayList<>();
            try (MappingIterator<List<String>> it = reader().readValues(all)) {
                while (it.hasNext()) {
                    rows.add(it.next());
                }
            } catch (RuntimeException | IOException e) {
                torn = true; // an unclosed quote at the end: the last row was cut off
            }
            long dropped = 0;
            int last = torn ? rows.size() - 1 : rows.size();
            for (int i = 0; i < rows.size(); i++) {
                List<String> r = rows.get(i);
                if (i == 0 || (i < last && r.size() > 1 && isFinal.test(r.get(1)))) {
                    out.write(row(r));
                } else {
                    dropped++;
                }
            }
            return dropped;
        };
    }

    private static List<String> header(List<String> columns) {
        List<String> h = new ArrayList<>(columns.size() + 2);
        h.add("type");
        h.add("url");
        h.addAll(columns);
        return h;
    }

    @Override
    public void accept(Item item) {
        Map<String, Object> fields = fields(item);
        List<String> cols = columns.get();
        if (cols == null) {
            List<String> first = List.copyOf(fields.keySet());
            if (columns.compareAndSet(null, first) && !headerWritten) {
                file.write(row(header(first)));
            }
            cols = columns.get();
        }
        List<String> cells = new ArrayList<>(cols.size() + 2);
        cells.add(item.type());
        cells.add(item.url().toString());
        for (String c : cols) {
            cells.add(cell(fields.get(c)));
        }
        file.write(row(cells));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fields(Item item) {
        if (item.data() instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        return json.convertValue(item.data(), Map.class);
    }

    private String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a CSV cell: " + e.getMessage(), e);
        }
    }

    private static byte[] row(List<String> cells) {
        CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\n");
        try {
            return CSV.writer(schema).writeValueAsBytes(cells);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a CSV row: " + e.getMessage(), e);
        }
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
