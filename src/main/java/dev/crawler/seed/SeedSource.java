package dev.crawler.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A source of seed URLs: a file, standard input, or a list. Each source gets its own producer, so a
 * slow one never delays another. Blank lines and lines starting with {@code #} are skipped; what
 * remains is handed on with its location, and the crawler reports invalid lines by file and line.
 *
 * <p>A source is read once, by one thread.
 */
public interface SeedSource {

    /** A short name for messages: the file name, {@code stdin}, {@code arguments}. */
    String name();

    /** Reads the source, calling {@code consumer} for each candidate line in order. */
    void forEach(Consumer consumer) throws IOException, InterruptedException;

    /** Receives seed lines; may block (the bounded queue is full) and be interrupted. */
    @FunctionalInterface
    interface Consumer {
        /** Takes one line. */
        void accept(SeedLine line) throws InterruptedException;
    }

    /** A seed file, one URL per line, UTF-8 (a BOM is ignored). */
    static SeedSource file(Path path) {
        return new ReaderSeedSource(
                path.toString(), () -> Files.newBufferedReader(path, StandardCharsets.UTF_8));
    }

    /**
     * Seeds read from a stream such as standard input, UTF-8. The stream is not closed: it belongs
     * to the caller.
     */
    static SeedSource stream(String name, InputStream in) {
        return new ReaderSeedSource(
                name,
                () ->
                        new java.io.InputStreamReader(
                                new java.io.FilterInputStream(in) {
                                    @Override
                                    public void close() {
                                        // the caller owns the stream
                                    }
                                },
                                StandardCharsets.UTF_8));
    }

    /** Seeds given directly, e.g. as command-line arguments. */
    static SeedSource of(String name, List<String> urls) {
        List<String> copy = List.copyOf(urls);
        return new SeedSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void forEach(Consumer consumer) throws InterruptedException {
                for (int i = 0; i < copy.size(); i++) {
                    String text = copy.get(i).strip();
                    if (!text.isEmpty()) {
                        consumer.accept(new SeedLine(name + ":" + (i + 1), text));
                    }
                }
            }
        };
    }

    /** Seeds built in code, with their labels and data. */
    static SeedSource ofSeeds(String name, Collection<Seed> seeds) {
        List<Seed> copy = List.copyOf(seeds);
        return new SeedSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void forEach(Consumer consumer) throws InterruptedException {
                for (int i = 0; i < copy.size(); i++) {
                    Seed s = copy.get(i);
                    consumer.accept(new SeedLine(name + ":" + (i + 1), s.url(), Optional.of(s)));
                }
            }
        };
    }

    /** Opens a reader; lets sources defer opening until their producer runs. */
    @FunctionalInterface
    interface ReaderOpener {
        /** Opens the reader. */
        Reader open() throws IOException;
    }
}
