package dev.crawler.frontier;

import static dev.crawler.frontier.StoreCodec.bytes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The crawl state's RocksDB database: its options (a 64 MiB block cache that also bounds the write
 * buffers, Bloom filters, LZ4, universal compaction), its column families, the counters per state
 * and the admission ids, and the closing of every native handle in the right order.
 *
 * <p>Thread-safe: RocksDB is; the ids are atomic; {@link #close()} runs once.
 */
final class RocksFiles {
    static final byte[] MAX_ID_KEY = bytes("max-id");

    static {
        RocksDB.loadLibrary();
    }

    final Path dir;
    private final boolean readOnly;
    private final List<AutoCloseable> resources = new ArrayList<>(); // closed in reverse
    final RocksDB db;
    final ColumnFamilyHandle urls;
    final ColumnFamilyHandle pending;
    final ColumnFamilyHandle failed;
    final ColumnFamilyHandle meta;
    final WriteOptions writeOptions;

    /** The next admission id. */
    final AtomicLong nextId = new AtomicLong();

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Opens (creating it unless {@code readOnly}) the database in {@code dir}. */
    RocksFiles(Path dir, boolean readOnly) throws RocksDBException {
        this.dir = dir;
        this.readOnly = readOnly;
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
        String path = dir.resolve(RocksStore.DB_DIR).toString();
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

    /** The entry of the URL {@code key}, if the state has seen it. */
    Optional<StoreEntry> entry(byte[] key) throws RocksDBException {
        byte[] value = db.get(urls, key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoreEntry.decode(value));
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt entry in " + dir, e);
        }
    }

    /** Adds {@code delta} to the count of {@code state} within {@code batch}. */
    void count(WriteBatch batch, byte state, long delta) throws RocksDBException {
        // uint64add reads fixed64, little-endian; -1 wraps round to a decrement
        batch.merge(
                meta,
                counterKey(state),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(delta).array());
    }

    /** The count of URLs in {@code state}. */
    long counter(byte state) {
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
    FrontierUnavailableException failure(String what, RocksDBException e) {
        return new FrontierUnavailableException(
                "crawl state " + dir + ": cannot " + what + ": " + e.getMessage(), e);
    }

    /** Saves the log (unless read-only) and closes every native handle; once. */
    void close() {
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
