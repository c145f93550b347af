package dev.crawler.frontier;

import static dev.crawler.frontier.StoreCodec.bytes;
import static dev.crawler.frontier.StoreCodec.decodeRequest;
import static dev.crawler.frontier.StoreCodec.encodeRequest;
import static dev.crawler.frontier.StoreCodec.hostPrefix;
import static dev.crawler.frontier.StoreCodec.pendingKey;
import static dev.crawler.frontier.StoreCodec.startsWith;
import static dev.crawler.frontier.StoreCodec.truncate;

import dev.crawler.request.Completion;
import dev.crawler.request.Completion.Validators;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.PageFacts;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The crawl's state in RocksDB, an LSM-tree store: admitting a URL appends to a write-ahead log and
 * a memory table, so a million random URLs cost no random disk writes, and a Bloom filter per file
 * answers "never seen" from memory. Memory is bounded by a block cache and a write-buffer budget,
 * whatever the number of URLs.
 *
 * <p>Layout, one column family each:
 *
 * <ul>
 *   <li>{@code urls}: URL → its state (pending or final), admission id, attempts, last status and
 *       reason, cache validators. This is the seen-set and the ledger.
 *   <li>{@code pending}: host, 0, id (big-endian) → the request to make. A host's pending URLs in
 *       admission order, loaded a window at a time.
 *   <li>{@code failed}: URL → nothing. The dead letters.
 *   <li>{@code meta}: the counters per state (RocksDB's uint64add merge operator, so no
 *       read-modify-write), the highest id given, and the seeds' hosts.
 * </ul>
 *
 * <p>Durability: every change is one atomic {@link WriteBatch}, in the write-ahead log before the
 * call returns (without {@code fsync}: it survives {@code kill -9}, which loses nothing the OS
 * holds; a power cut may lose the last writes). Writes are ordered, and the engine offers a page's
 * links before it records the page, so a crash never keeps a page final while losing its links.
 *
 * <p>The database and its handles are {@link RocksFiles}', the byte forms {@link StoreEntry}'s and
 * {@link StoreCodec}'s, the whole-crawl operations (status, dead letters, recrawl) {@link
 * StoreMaintenance}'s.
 *
 * <p>Thread-safety: RocksDB is thread-safe; the read-then-write steps on one URL run under one of
 * {@value #STRIPES} striped locks chosen by the URL, so two admissions of one URL cannot both win.
 */
final class RocksStore implements UrlStore, AutoCloseable {
    static final String DB_DIR = "db";

    static final byte PENDING = 0;
    static final byte FETCHED = 1;
    static final byte FAILED = 2;
    static final byte SKIPPED = 3;

    private static final int STRIPES = 64;

    private final RocksFiles files;
    private final StoreMaintenance maintenance;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    private RocksStore(RocksFiles files) {
        this.files = files;
        this.maintenance = new StoreMaintenance(files);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Opens (creating if needed) the store in {@code dir} for a crawl. */
    static RocksStore open(Path dir) throws RocksDBException {
        return new RocksStore(new RocksFiles(dir, false));
    }

    /** Opens the store in {@code dir} to read it; a crawl may be writing it meanwhile. */
    static RocksStore openReadOnly(Path dir) throws RocksDBException {
        return new RocksStore(new RocksFiles(dir, true));
    }

    /** Whether {@code dir} holds a store. */
    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(DB_DIR).resolve("CURRENT"));
    }

    @Override
    public boolean persistent() {
        return true;
    }

    // ---- the crawl's operations ------------------------------------------------------------

    @Override
    public boolean admit(CrawlRequest request, String hostKey) {
        return admitAll(List.of(request), List.of(hostKey))[0];
    }

    @Override
    public boolean[] admitAll(List<CrawlRequest> requests, List<String> hostKeys) {
        int n = requests.size();
        boolean[] isNew = new boolean[n];
        if (n == 0) {
            return isNew;
        }
        byte[][] keys = new byte[n][];
        boolean[] held = new boolean[STRIPES];
        for (int i = 0; i < n; i++) {
            keys[i] = bytes(requests.get(i).key());
            held[stripeOf(keys[i])] = true;
        }
        // the stripes of the batch, always in ascending order: two batches cannot deadlock
        for (int s = 0; s < STRIPES; s++) {
            if (held[s]) stripes[s].lock();
        }
        try (WriteBatch batch = new WriteBatch()) {
            int added = 0;
            long id = 0;
            for (int i = 0; i < n; i++) {
                if (files.db.keyMayExist(files.urls, keys[i], null)
                        && files.db.get(files.urls, keys[i]) != null) {
                    continue;
                }
                id = files.nextId.getAndIncrement();
                CrawlRequest r = requests.get(i);
                batch.put(files.urls, keys[i], StoreEntry.pending(id, hostKeys.get(i), r).encode());
                batch.put(files.pending, pendingKey(hostKeys.get(i), id), encodeRequest(r, 0));
                isNew[i] = true;
                added++;
            }
            if (added > 0) {
                batch.put(
                        files.meta,
                        RocksFiles.MAX_ID_KEY,
                        ByteBuffer.allocate(8).putLong(id).array());
                files.count(batch, PENDING, added);
                files.db.write(files.writeOptions, batch);
            }
            return isNew;
        } catch (RocksDBException e) {
            throw files.failure("admit " + requests.get(0).url() + " and others", e);
        } finally {
            for (int s = 0; s < STRIPES; s++) {
                if (held[s]) stripes[s].unlock();
            }
        }
    }

    @Override
    public List<StoredRequest> pending(String hostKey, long afterId, int limit) {
        List<StoredRequest> out = new ArrayList<>(limit);
        byte[] prefix = hostPrefix(hostKey);
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = files.db.newIterator(files.pending, read)) {
            for (it.seek(pendingKey(hostKey, afterId + 1));
                    it.isValid() && out.size() < limit && startsWith(it.key(), prefix);
                    it.next()) {
                long id = ByteBuffer.wrap(it.key(), prefix.length, 8).getLong();
                out.add(decodeRequest(id, it.value(), files.dir));
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> pendingHosts() {
        return maintenance.pendingHosts();
    }

    @Override
    public List<URI> seedHosts() {
        return maintenance.seedHosts();
    }

    @Override
    public void seedHost(URI seed) {
        maintenance.seedHost(seed);
    }

    @Override
    public void retrying(CrawlRequest next, long notBeforeEpochMillis) {
        byte[] key = bytes(next.key());
        ReentrantLock stripe = stripe(key);
        stripe.lock();
        try {
            Optional<StoreEntry> entry = files.entry(key);
            if (entry.isEmpty() || entry.get().state() != PENDING) {
                return;
            }
            StoreEntry e = entry.get();
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(files.urls, key, e.withAttempt(next.attempt()).encode());
                batch.put(
                        files.pending,
                        pendingKey(e.host(), e.id()),
                        encodeRequest(next, notBeforeEpochMillis));
                files.db.write(files.writeOptions, batch);
            }
        } catch (RocksDBException e) {
            throw files.failure("keep retry of " + next.url(), e);
        } finally {
            stripe.unlock();
        }
    }

    @Override
    public void finished(CrawlRequest request, Completion completion) {
        byte[] key = bytes(request.key());
        ReentrantLock stripe = stripe(key);
        stripe.lock();
        try {
            Optional<StoreEntry> entry = files.entry(key);
            if (entry.isEmpty() || entry.get().state() != PENDING) {
                return; // not ours to finish (admitted before a reset of the state)
            }
            StoreEntry e = entry.get();
            byte state = StoreEntry.stateOf(completion.outcome());
            Validators validators =
                    completion.validators().isEmpty()
                            ? request.validators()
                            : completion.validators();
            StoreEntry done =
                    e.finished(
                            state,
                            request.attempt(),
                            completion.status(),
                            truncate(completion.detail()),
                            validators,
                            completion.facts().isPresent() ? completion.facts() : e.facts());
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(files.urls, key, done.encode());
                batch.delete(files.pending, pendingKey(e.host(), e.id()));
                if (state == FAILED) {
                    batch.put(files.failed, key, new byte[0]);
                }
                files.count(batch, PENDING, -1);
                files.count(batch, state, 1);
                files.db.write(files.writeOptions, batch);
            }
        } catch (RocksDBException e) {
            throw files.failure("record the end of " + request.url(), e);
        } finally {
            stripe.unlock();
        }
    }

    // ---- whole-crawl operations (status, dead letters, recrawl) ---------------------------

    @Override
    public StateCounts counts() {
        return new StateCounts(
                files.counter(PENDING),
                files.counter(FETCHED),
                files.counter(FAILED),
                files.counter(SKIPPED));
    }

    @Override
    public Optional<PageFacts> lastFetch(URI url) {
        try {
            return files.entry(bytes(url.toString())).flatMap(StoreEntry::facts);
        } catch (RocksDBException e) {
            throw files.failure("look up " + url, e);
        }
    }

    /** The whole-crawl operations on this store: status, dead letters, recrawl. */
    StoreMaintenance maintenance() {
        return maintenance;
    }

    private ReentrantLock stripe(byte[] key) {
        return stripes[stripeOf(key)];
    }

    private static int stripeOf(byte[] key) {
        return Math.floorMod(Arrays.hashCode(key), STRIPES);
    }

    @Override
    public void close() {
        files.close();
    }
}
