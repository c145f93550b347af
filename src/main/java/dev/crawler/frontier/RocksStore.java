package dev.crawler.frontier;

import dev.crawler.frontier.Completion.Validators;
import dev.crawler.politeness.HostKey;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

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
    private static final int MAX_DETAIL = 1000;
    private static final byte[] MAX_ID_KEY = bytes("max-id");
    private static final String SEED_PREFIX = "seed/";

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final boolean readOnly;
    private final List<AutoCloseable> resources = new ArrayList<>(); // closed in reverse
    private final RocksDB db;
    private final ColumnFamilyHandle urls;
    private final ColumnFamilyHandle pending;
    private final ColumnFamilyHandle failed;
    private final ColumnFamilyHandle meta;
    private final WriteOptions writeOptions;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RocksStore(Path dir, boolean readOnly) throws RocksDBException {
        this.dir = dir;
        this.readOnly = readOnly;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        LRUCache cache = keep(new LRUCache(64L << 20));
        WriteBufferManager buffers = keep(new WriteBufferManager(64L << 20, cache));
        DBOptions options =
                keep(
                        new DBOptions()
                                .setCreateIfMissing(true)
                                .setCreateMissingColumnFamilies(true)
                                .setWriteBufferManager(buffers)
                                .setMaxBackgroundJobs(2)
                                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                                .setKeepLogFileNum(2));
        BlockBasedTableConfig table =
                new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(keep(new BloomFilter(10)));
        ColumnFamilyOptions cf =
                keep(
                        new ColumnFamilyOptions()
                                .setTableFormatConfig(table)
                                .setWriteBufferSize(32L << 20)
                                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                                .setCompressionType(CompressionType.LZ4_COMPRESSION));
        ColumnFamilyOptions counters =
                keep(new ColumnFamilyOptions().setMergeOperator(keep(new UInt64AddOperator())));
        List<ColumnFamilyDescriptor> families =
                List.of(
                        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cf),
                        new ColumnFamilyDescriptor(bytes("urls"), cf),
                        new ColumnFamilyDescriptor(bytes("pending"), cf),
                        new ColumnFamilyDescriptor(bytes("failed"), cf),
                        new ColumnFamilyDescriptor(bytes("meta"), counters));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        String path = dir.resolve(DB_DIR).toString();
        try {
            db =
                    readOnly
                            ? RocksDB.openReadOnly(options, path, families, handles)
                            : RocksDB.open(options, path, families, handles);
        } catch (RocksDBException e) {
            closeResources();
            throw e;
        }
        urls = handles.get(1);
        pending = handles.get(2);
        failed = handles.get(3);
        meta = handles.get(4);
        // handles close before the database, the database before its options
        resources.add(db);
        handles.forEach(resources::add);
        writeOptions = keep(new WriteOptions());
        try {
            byte[] maxId = db.get(meta, MAX_ID_KEY);
            nextId.set(maxId == null ? 1 : ByteBuffer.wrap(maxId).getLong() + 1);
        } catch (RocksDBException e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Opens (creating if needed) the store in {@code dir} for a crawl. */
    static RocksStore open(Path dir) throws RocksDBException {
        return new RocksStore(dir, false);
    }

    /** Opens the store in {@code dir} to read it; a crawl may be writing it meanwhile. */
    static RocksStore openReadOnly(Path dir) throws RocksDBException {
        return new RocksStore(dir, true);
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
                if (db.keyMayExist(urls, keys[i], null) && db.get(urls, keys[i]) != null) {
                    continue;
                }
                id = nextId.getAndIncrement();
                CrawlRequest r = requests.get(i);
                batch.put(urls, keys[i], encodeEntry(Entry.pending(id, hostKeys.get(i), r)));
                batch.put(pending, pendingKey(hostKeys.get(i), id), encodeRequest(r, 0));
                isNew[i] = true;
                added++;
            }
            if (added > 0) {
                batch.put(meta, MAX_ID_KEY, ByteBuffer.allocate(8).putLong(id).array());
                count(batch, PENDING, added);
                db.write(writeOptions, batch);
            }
            return isNew;
        } catch (RocksDBException e) {
            throw failure("admit " + requests.get(0).url() + " and others", e);
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
                RocksIterator it = db.newIterator(pending, read)) {
            for (it.seek(pendingKey(hostKey, afterId + 1));
                    it.isValid() && out.size() < limit && startsWith(it.key(), prefix);
                    it.next()) {
                long id = ByteBuffer.wrap(it.key(), prefix.length, 8).getLong();
                out.add(decodeRequest(id, it.value()));
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> pendingHosts() {
        // One seek per host, not one step per URL: the counts are hints (see HostQueue.onDisk).
        Map<String, Long> out = new LinkedHashMap<>();
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = db.newIterator(pending, read)) {
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

    @Override
    public List<URI> seedHosts() {
        List<URI> out = new ArrayList<>();
        byte[] prefix = bytes(SEED_PREFIX);
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = db.newIterator(meta, read)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                String origin = new String(it.key(), StandardCharsets.UTF_8);
                out.add(URI.create(origin.substring(SEED_PREFIX.length()) + "/"));
            }
        }
        return out;
    }

    @Override
    public void seedHost(URI seed) {
        try {
            db.put(meta, writeOptions, bytes(SEED_PREFIX + HostKey.of(seed)), new byte[0]);
        } catch (RocksDBException e) {
            throw failure("remember seed host " + seed, e);
        }
    }

    @Override
    public void retrying(CrawlRequest next, long notBeforeEpochMillis) {
        byte[] key = bytes(next.key());
        ReentrantLock stripe = stripe(key);
        stripe.lock();
        try {
            Optional<Entry> entry = entry(key);
            if (entry.isEmpty() || entry.get().state() != PENDING) {
                return;
            }
            Entry e = entry.get();
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(urls, key, encodeEntry(e.withAttempt(next.attempt())));
                batch.put(
                        pending,
                        pendingKey(e.host(), e.id()),
                        encodeRequest(next, notBeforeEpochMillis));
                db.write(writeOptions, batch);
            }
        } catch (RocksDBException e) {
            throw failure("keep retry of " + next.url(), e);
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
            Optional<Entry> entry = entry(key);
            if (entry.isEmpty() || entry.get().state() != PENDING) {
                return; // not ours to finish (admitted before a reset of the state)
            }
            Entry e = entry.get();
            byte state = stateOf(completion.outcome());
            Validators validators =
                    completion.validators().isEmpty()
                            ? request.validators()
                            : completion.validators();
            Entry done =
                    e.finished(
                            state,
                            request.attempt(),
                            completion.status(),
                            truncate(completion.detail()),
                            validators,
                            completion.facts().isPresent() ? completion.facts() : e.facts());
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(urls, key, encodeEntry(done));
                batch.delete(pending, pendingKey(e.host(), e.id()));
                if (state == FAILED) {
                    batch.put(failed, key, new byte[0]);
                }
                count(batch, PENDING, -1);
                count(batch, state, 1);
                db.write(writeOptions, batch);
            }
        } catch (RocksDBException e) {
            throw failure("record the end of " + request.url(), e);
        } finally {
            stripe.unlock();
        }
    }

    private static byte stateOf(Outcome outcome) {
        return switch (outcome) {
            case FETCHED -> FETCHED;
            case FAILED -> FAILED;
            case SKIPPED -> SKIPPED;
        };
    }

    // ---- whole-crawl operations (status, dead letters, recrawl) ---------------------------

    @Override
    public StateCounts counts() {
        return new StateCounts(
                counter(PENDING), counter(FETCHED), counter(FAILED), counter(SKIPPED));
    }

    @Override
    public Optional<PageFacts> lastFetch(URI url) {
        try {
            return entry(bytes(url.toString())).flatMap(Entry::facts);
        } catch (RocksDBException e) {
            throw failure("look up " + url, e);
        }
    }

    /** Whether {@code url} is in a final state. */
    boolean isFinal(String url) {
        try {
            return entry(bytes(url)).map(e -> e.state() != PENDING).orElse(false);
        } catch (RocksDBException e) {
            throw failure("look up " + url, e);
        }
    }

    /** The URLs that failed for good, with their last error. */
    void forEachFailed(Consumer<CrawlState.DeadLetter> each) {
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = db.newIterator(failed, read)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                Optional<Entry> e = entry(it.key());
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
            throw failure("read the failed URLs", e);
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
        ColumnFamilyHandle source = fromState == FAILED ? failed : urls;
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = db.newIterator(source, read)) {
            WriteBatch batch = new WriteBatch();
            try {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    Optional<Entry> found = entry(key);
                    if (found.isEmpty() || found.get().state() != fromState) {
                        continue;
                    }
                    Entry e = found.get();
                    long id = nextId.getAndIncrement();
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
                    Entry reopened = Entry.pending(id, e.host(), again).withFacts(e.facts());
                    batch.put(urls, key, encodeEntry(reopened));
                    batch.put(pending, pendingKey(e.host(), id), encodeRequest(again, 0));
                    batch.put(meta, MAX_ID_KEY, ByteBuffer.allocate(8).putLong(id).array());
                    if (fromState == FAILED) {
                        batch.delete(failed, key);
                    }
                    count(batch, fromState, -1);
                    count(batch, PENDING, 1);
                    if (++n % 10_000 == 0) {
                        db.write(writeOptions, batch);
                        batch.close();
                        batch = new WriteBatch();
                    }
                }
                db.write(writeOptions, batch);
            } finally {
                batch.close();
            }
            return n;
        } catch (RocksDBException e) {
            throw failure("reopen URLs", e);
        }
    }

    // ---- encoding --------------------------------------------------------------------------

    /** What the {@code urls} family holds per URL. */
    private record Entry(
            byte state,
            long id,
            String host,
            int depth,
            CrawlRequest.Kind kind,
            int attempt,
            int status,
            String detail,
            Validators validators,
            Optional<String> request,
            Optional<PageFacts> facts) {
        /**
         * A newly admitted URL; its request (in {@link RequestCodec}'s form) is kept so that a
         * recrawl asks for it again as it was first asked for: parent, label, user data.
         */
        static Entry pending(long id, String host, CrawlRequest r) {
            return new Entry(
                    PENDING,
                    id,
                    host,
                    r.depth(),
                    r.kind(),
                    1,
                    0,
                    "",
                    r.validators(),
                    Optional.of(RequestCodec.encode(r.withAttempt(1))),
                    Optional.empty());
        }

        Entry withAttempt(int n) {
            return new Entry(
                    state, id, host, depth, kind, n, status, detail, validators, request, facts);
        }

        Entry withFacts(Optional<PageFacts> f) {
            return new Entry(
                    state, id, host, depth, kind, attempt, status, detail, validators, request, f);
        }

        Entry finished(
                byte newState,
                int attempts,
                int newStatus,
                String why,
                Validators v,
                Optional<PageFacts> f) {
            return new Entry(
                    newState, id, host, depth, kind, attempts, newStatus, why, v, request, f);
        }
    }

    private Optional<Entry> entry(byte[] key) throws RocksDBException {
        byte[] value = db.get(urls, key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            byte state = in.get();
            long id = in.getLong();
            String host = string(in);
            int depth = in.getInt();
            CrawlRequest.Kind kind = CrawlRequest.Kind.values()[in.get()];
            int attempt = in.getInt();
            int status = in.getInt();
            String detail = string(in);
            Validators validators = new Validators(optional(string(in)), optional(string(in)));
            // entries of states written before requests and page facts were kept end here
            Optional<String> request = in.hasRemaining() ? optional(string(in)) : Optional.empty();
            Optional<PageFacts> facts =
                    in.hasRemaining() && in.get() == 1
                            ? Optional.of(new PageFacts(string(in), string(in), in.getInt()))
                            : Optional.empty();
            return Optional.of(
                    new Entry(
                            state,
                            id,
                            host,
                            depth,
                            kind,
                            attempt,
                            status,
                            detail,
                            validators,
                            request,
                            facts));
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt entry in " + dir, e);
        }
    }

    private static byte[] encodeEntry(Entry e) {
        byte[] host = bytes(e.host());
        byte[] detail = bytes(e.detail());
        byte[] etag = bytes(e.validators().etag().orElse(""));
        byte[] modified = bytes(e.validators().lastModified().orElse(""));
        byte[] request = bytes(e.request().orElse(""));
        byte[] title = bytes(e.facts().map(PageFacts::title).orElse(""));
        byte[] type = bytes(e.facts().map(PageFacts::contentType).orElse(""));
        ByteBuffer out =
                ByteBuffer.allocate(
                        1
                                + 8
                                + 4
                                + host.length
                                + 4
                                + 1
                                + 4
                                + 4
                                + 4
                                + detail.length
                                + 4
                                + etag.length
                                + 4
                                + modified.length
                                + 4
                                + request.length
                                + 1
                                + (e.facts().isPresent()
                                        ? 4 + title.length + 4 + type.length + 4
                                        : 0));
        out.put(e.state()).putLong(e.id());
        put(out, host);
        out.putInt(e.depth()).put((byte) e.kind().ordinal()).putInt(e.attempt());
        out.putInt(e.status());
        put(out, detail);
        put(out, etag);
        put(out, modified);
        put(out, request);
        out.put((byte) (e.facts().isPresent() ? 1 : 0));
        if (e.facts().isPresent()) {
            put(out, title);
            put(out, type);
            out.putInt(e.facts().get().links());
        }
        return out.array();
    }

    /** Marks a pending request in {@link RequestCodec}'s form, after its not-before time. */
    private static final byte CODEC_FORM = 'R';

    private static byte[] encodeRequest(CrawlRequest r, long notBeforeEpochMillis) {
        byte[] line = bytes(RequestCodec.encode(r));
        return ByteBuffer.allocate(1 + 8 + line.length)
                .put(CODEC_FORM)
                .putLong(notBeforeEpochMillis)
                .put(line)
                .array();
    }

    private StoredRequest decodeRequest(long id, byte[] value) {
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            if (value.length > 0 && value[0] == CODEC_FORM) {
                long notBefore = in.position(1).getLong();
                String line = new String(value, 9, value.length - 9, StandardCharsets.UTF_8);
                return new StoredRequest(id, RequestCodec.decode(line), notBefore);
            }
            // the binary form of states written before labels existed
            URI url = URI.create(string(in));
            int depth = in.getInt();
            int attempt = in.getInt();
            CrawlRequest.Kind kind = CrawlRequest.Kind.values()[in.get()];
            int redirects = in.getInt();
            Optional<URI> parent = optional(string(in)).map(URI::create);
            long notBefore = in.getLong();
            int priority = in.getInt();
            int depthLimit = in.getInt();
            Validators validators = new Validators(optional(string(in)), optional(string(in)));
            return new StoredRequest(
                    id,
                    new CrawlRequest(
                            url,
                            depth,
                            attempt,
                            parent,
                            kind,
                            redirects,
                            priority,
                            depthLimit,
                            validators),
                    notBefore);
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt pending request in " + dir, e);
        }
    }

    /** A length-prefixed UTF-8 string. */
    private static void put(ByteBuffer out, byte[] utf8) {
        out.putInt(utf8.length).put(utf8);
    }

    private static String string(ByteBuffer in) {
        int n = in.getInt();
        String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    private static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hostPrefix(String host) {
        byte[] h = bytes(host);
        return Arrays.copyOf(h, h.length + 1); // host, then 0
    }

    private static byte[] pendingKey(String host, long id) {
        byte[] prefix = hostPrefix(host);
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(id).array();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] key, byte b) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == b) return i;
        }
        return key.length;
    }

    private ReentrantLock stripe(byte[] key) {
        return stripes[stripeOf(key)];
    }

    private static int stripeOf(byte[] key) {
        return Math.floorMod(Arrays.hashCode(key), STRIPES);
    }

    private void count(WriteBatch batch, byte state, long delta) throws RocksDBException {
        // uint64add reads fixed64, little-endian; -1 wraps round to a decrement
        batch.merge(
                meta,
                counterKey(state),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(delta).array());
    }

    private long counter(byte state) {
        try {
            byte[] v = db.get(meta, counterKey(state));
            return v == null ? 0 : ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (RocksDBException e) {
            throw failure("read the counters", e);
        }
    }

    private static byte[] counterKey(byte state) {
        return new byte[] {'c', 'o', 'u', 'n', 't', '/', state};
    }

    /** A store that cannot write (a full disk) stops the crawl; what is pending stays pending. */
    private FrontierUnavailableException failure(String what, RocksDBException e) {
        return new FrontierUnavailableException(
                "crawl state " + dir + ": cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // closed already
        }
        if (!readOnly) {
            try {
                db.flushWal(true); // what the OS holds reaches the disk too
            } catch (RocksDBException e) {
                throw failure("save the log", e);
            } finally {
                closeResources();
            }
        } else {
            closeResources();
        }
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing native handles: nothing left to do with an error
            }
        }
        resources.clear();
    }
}
