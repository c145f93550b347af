package dev.crawler.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crawler.extract.Page;
import dev.crawler.extract.PageHandler;
import dev.crawler.extract.Rules;
import dev.crawler.sink.Item;
import dev.crawler.sink.ItemSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extraction for the service: each submission's pages (its requests carry the submission's id as
 * their group) are extracted with that submission's own rules, and its items are kept in a JSON
 * Lines file of its own, in a folder the service owns, so {@code GET /crawl/{id}/items} can stream
 * them while the crawl runs and after, in bounded memory.
 *
 * <p>Thread-safe: rules in a concurrent map; each submission's file is appended to under its own
 * {@link ReentrantLock} (no lock is shared between submissions, none is held across a read).
 */
final class SubmissionItems implements PageHandler, ItemSink {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionItems.class);
    private final ObjectMapper json = new ObjectMapper();
    private final Path dir;
    private final Map<String, Rules> rules = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    private SubmissionItems(Path dir) {
        this.dir = dir;
    }

    /** A tracker with a new temporary folder, removed by {@link #close()}. */
    static SubmissionItems inTemporaryFolder() throws IOException {
        return new SubmissionItems(Files.createTempDirectory("crawler-items-"));
    }

    /** The submission {@code id} is extracted with {@code r}. */
    void register(String id, Rules r) {
        rules.put(id, r);
        locks.put(id, new ReentrantLock());
    }

    /** Whether the submission has rules (and so an items stream). */
    boolean extracts(String id) {
        return rules.containsKey(id);
    }

    @Override
    public void handle(Page page) throws Exception {
        Rules r = rules.get(page.request().group());
        if (r != null) {
            r.handle(page);
        }
    }

    @Override
    public void accept(Item item) {
        String id = item.request().group();
        ReentrantLock lock = locks.get(id);
        if (lock == null) {
            return; // an item of a handler the service does not own
        }
        ObjectNode o = json.createObjectNode();
        o.put("type", item.type());
        o.put("url", item.url().toString());
        o.set("data", json.valueToTree(item.data()));
        byte[] line;
        try {
            line =
                    (json.writeValueAsString(o) + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lock.lock();
        try {
            Files.write(file(id), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep items of submission " + id, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies the submission's items so far to {@code out}, whole lines only.
     *
     * @return false when the submission has no items stream
     */
    boolean copyTo(String id, OutputStream out) throws IOException {
        ReentrantLock lock = locks.get(id);
        if (lock == null) {
            return false;
        }
        Path f = file(id);
        long size;
        lock.lock();
        try {
            size = Files.exists(f) ? Files.size(f) : 0; // a length that ends a whole line
        } finally {
            lock.unlock();
        }
        if (size == 0) {
            return true;
        }
        try (var in = Files.newInputStream(f)) {
            byte[] buffer = new byte[64 * 1024];
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) break;
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return true;
    }

    /** Forgets the submission {@code id}: its rules and its items file. */
    void forget(String id) {
        rules.remove(id);
        ReentrantLock lock = locks.remove(id);
        if (lock == null) {
            return;
        }
        lock.lock(); // an append in progress ends first
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.warn("Cannot delete the items of submission {}: {}", id, e.toString());
        } finally {
            lock.unlock();
        }
    }

    private Path file(String id) {
        return dir.resolve("items-" + id + ".jsonl");
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove the items folder {}: {}", dir, e.getMessage());
        }
    }
}
