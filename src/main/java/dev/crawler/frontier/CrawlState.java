package dev.crawler.frontier;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.RocksDBException;

/**
 * A crawl's state folder ({@code --state-dir}): the frontier, the seen-set, pending retries and the
 * ledger of every URL, kept in RocksDB so that a crawl survives a crash and resumes where it
 * stopped. Hand it to {@code Crawler.builder().state(...)}; the caller opens and closes it.
 *
 * <p>Opened for a crawl, the folder is locked: a second crawler (in this or another process) gets a
 * clear error instead of corrupting it. Opened {@linkplain #openReadOnly read-only}, it can be
 * inspected while a crawl runs.
 *
 * <p>Thread-safe.
 */
public final class CrawlState implements AutoCloseable {
    private static final String LOCK_FILE = "lock";

    private final Path dir;
    private final RocksStore store;
    private final Optional<FileChannel> lockChannel;

    private CrawlState(Path dir, RocksStore store, Optional<FileChannel> lockChannel) {
        this.dir = dir;
        this.store = store;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens the state in {@code dir} for a crawl, creating the folder and an empty state if needed,
     * and locks it.
     *
     * @throws IOException when the folder cannot be used, or another crawler holds it
     */
    public static CrawlState open(Path dir) throws IOException {
        requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        FileChannel channel =
                FileChannel.open(
                        dir.resolve(LOCK_FILE),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
        try {
            lock(dir, channel);
            return new CrawlState(dir, RocksStore.open(dir), Optional.of(channel));
        } catch (RocksDBException e) {
            channel.close();
            throw new IOException("cannot open crawl state in " + dir + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void lock(Path dir, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(dir.resolve(LOCK_FILE), StandardCharsets.UTF_8).trim();
            throw new IOException(
                    "state dir "
                            + dir
                            + " is in use by another crawler"
                            + (holder.isEmpty() ? "" : " (" + holder + ")")
                            + "; wait for it to end or use another --state-dir");
        }
        channel.truncate(0);
        channel.write(
                ByteBuffer.wrap(
                        ("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
    }

    /**
     * Opens an existing state to read it (status, dead letters), without locking it.
     *
     * @throws IOException when {@code dir} holds no crawl state
     */
    public static CrawlState openReadOnly(Path dir) throws IOException {
        if (!RocksStore.exists(dir)) {
            throw new IOException(dir + " holds no crawl state");
        }
        try {
            return new CrawlState(dir, RocksStore.openReadOnly(dir), Optional.empty());
        } catch (RocksDBException e) {
            throw new IOException("cannot read crawl state in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The state folder. */
    public Path dir() {
        return dir;
    }

    /** How many URLs are in each state, over every run. */
    public StateCounts counts() {
        return store.counts();
    }

    /** Whether {@code url} (normalized, as the ledger holds it) is in a final state. */
    public boolean isFinal(String url) {
        return store.maintenance().isFinal(url);
    }

    /** One URL that failed after its last attempt. */
    public record DeadLetter(String url, String reason, int attempts, int status) {}

    /** Every URL that failed for good, in admission order. */
    public void forEachFailed(Consumer<DeadLetter> each) {
        store.maintenance().forEachFailed(each);
    }

    /**
     * Makes every failed URL pending again, for a first attempt in the next run.
     *
     * @return how many were re-admitted
     */
    public int retryFailed() {
        return store.maintenance().reopen(RocksStore.FAILED);
    }

    /**
     * Makes every fetched URL pending again: the next run fetches each with the conditional headers
     * its last response allows ({@code If-None-Match}, {@code If-Modified-Since}).
     *
     * @return how many were re-admitted
     */
    public int recrawl() {
        return store.maintenance().reopen(RocksStore.FETCHED);
    }

    /** The store behind the frontier of a crawl on this state. */
    UrlStore store() {
        return store;
    }

    /** Saves what is not saved yet, and releases the folder. Does nothing the second time. */
    @Override
    public void close() throws IOException {
        try {
            store.close();
        } finally {
            if (lockChannel.isPresent()) {
                lockChannel.get().close(); // releases the lock
            }
        }
    }
}
