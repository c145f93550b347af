package dev.crawler.frontier;

import static dev.crawler.frontier.StoreCodec.bytes;
import static dev.crawler.frontier.StoreCodec.encodeRequest;
import static dev.crawler.frontier.StoreCodec.indexOf;
import static dev.crawler.frontier.StoreCodec.pendingKey;
import static dev.crawler.frontier.StoreCodec.startsWith;

import dev.crawler.politeness.HostKey;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The crawl state's whole-crawl operations: a URL's final state, the dead letters, and reopening
 * every failed or fetched URL before a crawl starts on the state ({@code --retry-failed}, {@code
 * --recrawl}). Thread-safe as RocksDB is; reopening runs before any crawl uses the state.
 */
final class StoreMaintenance {
    static final String SEED_PREFIX = "seed/";

    private final RocksFiles files;

    StoreMaintenance(RocksFiles files) {
        this.files = files;
    }

    /** Whether {@code url} is in a final state. */
    boolean isFinal(String url) {
        try {
            return files.entry(bytes(url)).map(e -> e.state() != RocksStore.PENDING).orElse(false);
        } catch (RocksDBException e) {
            throw files.failure("look up " + url, e);
        }
    }

    /** The URLs that failed for good, with their last error. */
    void forEachFailed(Consumer<CrawlState.DeadLetter> each) {
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = files.db.newIterator(files.failed, read)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                Optional<StoreEntry> e = files.entry(it.key());
                if (e.isPresent()) {
                    each.accept(
                            new CrawlState.DeadLetter(
                                    new String(it.key(), StandardCharsets.UTF_8),
                                    e.get().detail(),
                                    e.get().attempt(),
                                    e.get().status()));
                }
            }
        } catch (RocksDBException e) {
            throw files.failure("read the failed URLs", e);
        }
    }

    /**
     * Makes every URL in {@code fromState} pending again, first attempt, with its validators; run
     * before a crawl starts on the state.
     *
     * @return how many
     */
    int reopen(byte fromState) {
        int n = 0;
        ColumnFamilyHandle source = fromState == RocksStore.FAILED ? files.failed : files.urls;
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = files.db.newIterator(source, read)) {
            WriteBatch batch = new WriteBatch();
            try {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    Optional<StoreEntry> found = files.entry(key);
                    if (found.isEmpty() || found.get().state() != fromState) {
                        continue;
                    }
                    StoreEntry e = found.get();
                    long id = files.nextId.getAndIncrement();
                    String keyText = new String(key, StandardCharsets.UTF_8);
                    // as first asked for (parent, label, user data), when the state kept it
                    CrawlRequest again =
                            e.request()
                                    .map(RequestCodec::decode)
                                    .map(r -> r.withAttempt(1).withValidators(e.validators()))
                                    .orElseGet(
                                            () ->
                                                    new CrawlRequest(
                                                            URI.create(keyText),
                                                            e.depth(),
                                                            1,
                                                            Optional.empty(),
                                                            e.kind(),
                                                            0,
                                                            0,
                                                            -1,
                                                            e.validators()));
                    StoreEntry reopened =
                            StoreEntry.pending(id, e.host(), again).withFacts(e.facts());
                    batch.put(files.urls, key, reopened.encode());
                    batch.put(files.pending, pendingKey(e.host(), id), encodeRequest(again, 0));
                    batch.put(
                            files.meta,
                            RocksFiles.MAX_ID_KEY,
                            ByteBuffer.allocate(8).putLong(id).array());
                    if (fromState == RocksStore.FAILED) {
                        batch.delete(files.failed, key);
                    }
                    files.count(batch, fromState, -1);
                    files.count(batch, RocksStore.PENDING, 1);
                    if (++n % 10_000 == 0) {
                        files.db.write(files.writeOptions, batch);
                        batch.close();
                        batch = new WriteBatch();
                    }
                }
                files.db.write(files.writeOptions, batch);
            } finally {
                batch.close();
            }
            return n;
        } catch (RocksDBException e) {
            throw files.failure("reopen URLs", e);
        }
    }

    /** Every host with pending URLs, each counted as a full window (a hint). */
    Map<String, Long> pendingHosts() {
        // One seek per host, not one step per URL: the counts are hints (see HostQueue.onDisk).
        Map<String, Long> out = new LinkedHashMap<>();
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = files.db.newIterator(files.pending, read)) {
            it.seekToFirst();
            while (it.isValid()) {
                byte[] key = it.key();
                int end = indexOf(key, (byte) 0);
                String host = new String(key, 0, end, StandardCharsets.UTF_8);
                out.put(host, (long) StoreWindow.WINDOW);
                byte[] next = Arrays.copyOf(key, end + 1);
                next[end] = 1; // past every id of this host
                it.seek(next);
            }
        }
        return out;
    }

    /** The hosts of every seed the crawl was given, in any run. */
    List<URI> seedHosts() {
        List<URI> out = new ArrayList<>();
        byte[] prefix = bytes(SEED_PREFIX);
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = files.db.newIterator(files.meta, read)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                String origin = new String(it.key(), StandardCharsets.UTF_8);
                out.add(URI.create(origin.substring(SEED_PREFIX.length()) + "/"));
            }
        }
        return out;
    }

    /** Keeps a seed's host in the crawl's scope for later runs. */
    void seedHost(URI seed) {
        try {
            files.db.put(
                    files.meta,
                    files.writeOptions,
                    bytes(SEED_PREFIX + HostKey.of(seed)),
                    new byte[0]);
        } catch (RocksDBException e) {
            throw files.failure("remember seed host " + seed, e);
        }
    }
}
