package dev.crawler.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output of whole records, shared by the JSON Lines and CSV sinks: a new file is written as
 * {@code FILE.part} and replaces {@code FILE} only when closed, so an existing output survives a
 * failed run; a resumed crawl's file is first cleaned of its torn last record and of records the
 * state does not hold as final, then appended to with a flush per record; a stream is flushed per
 * record and left open.
 *
 * <p>Thread-safe: each record is written whole under a {@link ReentrantLock} (no monitor, so a
 * virtual thread writing never pins its carrier).
 */
final class LineFile {
    private static final Logger LOG = LoggerFactory.getLogger(LineFile.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    private final boolean flushEachRecord;
    private final boolean closeStream;
    private final Optional<Path> part;
    private final Optional<Path> target;

    private LineFile(
            OutputStream out,
            boolean flushEachRecord,
            boolean closeStream,
            Optional<Path> part,
            Optional<Path> target) {
        this.out = out;
        this.flushEachRecord = flushEachRecord;
        this.closeStream = closeStream;
        this.part = part;
        this.target = target;
    }

    /** Reads the records of a file being resumed and writes those to keep. */
    @FunctionalInterface
    interface Cleaner {
        /**
         * Copies the whole, final records of {@code in} to {@code out}.
         *
         * @return how many records were dropped (torn or not final)
         */
        long copyKept(InputStream in, OutputStream out) throws IOException;
    }

    /** A new file at {@code path}, written as {@code path.part} until closed. */
    static LineFile create(Path path) throws IOException {
        Path file = outputFile(path);
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        return new LineFile(
                new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024),
                false,
                true,
                Optional.of(tmp),
                Optional.of(file));
    }

    /**
     * The file of a resumed crawl: cleaned by {@code cleaner} (atomically replaced when anything
     * was dropped), then appended to, record by record.
     */
    static LineFile resume(Path path, Cleaner cleaner) throws IOException {
        Path file = outputFile(path);
        if (Files.exists(file)) {
            clean(file, cleaner);
        }
        return new LineFile(
                new BufferedOutputStream(
                        Files.newOutputStream(
                                file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                        64 * 1024),
                true,
                true,
                Optional.empty(),
                Optional.empty());
    }

    /** Standard output or another stream: flushed per record, never closed. */
    static LineFile stream(OutputStream stream) {
        return new LineFile(stream, true, false, Optional.empty(), Optional.empty());
    }

    /**
     * Keeps the whole JSON lines whose {@code url} field the state holds as final; drops a torn
     * last line (the process died while writing it).
     */
    static Cleaner jsonLines(Predicate<String> isFinal) {
        ObjectMapper mapper = new ObjectMapper();
        return (in, out) -> {
            long dropped = 0;
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            int b;
            while ((b = in.read()) != -1) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                byte[] bytes = line.toByteArray();
                line.reset();
                if (hasFinalUrl(mapper, bytes, isFinal)) {
                    out.write(bytes);
                    out.write('\n');
                } else {
                    dropped++;
                }
            }
            return line.size() > 0 ? dropped + 1 : dropped;
        };
    }

    private static boolean hasFinalUrl(
            ObjectMapper mapper, byte[] line, Predicate<String> isFinal) {
        try {
            JsonNode record = mapper.readTree(line);
            // a POST's record is known by its request key (URL, method and body), others by URL
            JsonNode key = record.has("requestKey") ? record.get("requestKey") : record.get("url");
            return key != null && key.isTextual() && isFinal.test(key.asText());
        } catch (IOException e) {
            return false; // not a whole record
        }
    }

    /** The absolute output path, its folder created; refuses a folder. */
    static Path outputFile(Path path) throws IOException {
        Path file = path.toAbsolutePath();
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isDirectory(file)) {
            throw new IOException(path + " is a directory");
        }
        return file;
    }

    private static void clean(Path file, Cleaner cleaner) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".resume");
        long dropped;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
            dropped = cleaner.copyKept(in, o);
        }
        if (dropped == 0) {
            Files.delete(tmp);
            return;
        }
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Resumed output {}: removed {} records (torn or not final)", file, dropped);
    }

    /** Writes one whole record (its bytes end with the record's own line break). */
    void write(byte[] record) {
        lock.lock();
        try {
            out.write(record);
            if (flushEachRecord) {
                out.flush();
            }
            if (out instanceof PrintStream p && p.checkError()) {
                // a PrintStream (standard output) swallows its errors: a closed pipe shows here
                throw new IOException("the output stream is closed or failing");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write output: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a failed run's output: flushed and closed, but a new file stays {@code FILE.part} and
     * the existing {@code FILE} is left as it was.
     *
     * @return the partial output, when there is one apart from the target
     */
    Optional<Path> abandon() {
        lock.lock();
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
            return part;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish output: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Flushes, closes a file, and moves a new file into place. */
    void close() {
        lock.lock();
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
            if (part.isPresent() && target.isPresent()) {
                Files.move(
                        part.get(),
                        target.get(),
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
