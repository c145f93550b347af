package dev.crawler.frontier;

import dev.crawler.frontier.Completion.Validators;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The crawl's state in one SQLite database (WAL mode): a row per admitted URL with its state, the
 * seen-set as an index of 64-bit fingerprints (the URL text settles collisions), pending URLs
 * indexed by host in admission order, and the seeds' hosts.
 *
 * <p>Durability: every change runs at once in one open transaction, which is committed every
 * {@value #COMMIT_MILLIS} ms and on close. A crash (even {@code kill -9}) loses at most the last
 * uncommitted changes, and always a suffix of them: the engine offers a page's links before it
 * records the page as final, so a page whose links were lost is pending again and is fetched again
 * (at least once, never lost). {@code synchronous=NORMAL} keeps every commit safe from a process
 * crash; a power cut may lose the last commits, never the database.
 *
 * <p>Thread-safety: one connection, used under one {@link ReentrantLock} (not {@code synchronized},
 * so a waiting virtual thread does not pin its carrier); every method is a short in-process
 * database operation.
 */
final class SqliteStore implements UrlStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    static final String FILE_NAME = "frontier.db";
    private static final long COMMIT_MILLIS = 100;
    private static final int SCHEMA_VERSION = 1;

    static final int PENDING = 0;
    static final int FETCHED = 1;
    static final int FAILED = 2;
    static final int SKIPPED = 3;

    private final Path file;
    private final Connection db;
    private final boolean readOnly;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService committer;
    private boolean dirty; // guarded by lock
    private boolean closed; // guarded by lock

    private final PreparedStatement findByFp;
    private final PreparedStatement insert;
    private final PreparedStatement pendingOfHost;
    private final PreparedStatement updateRetry;
    private final PreparedStatement updateFinal;
    private final PreparedStatement insertSeedHost;

    private SqliteStore(Path file, boolean readOnly) throws SQLException {
        this.file = file;
        this.readOnly = readOnly;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setCacheSize(-32 * 1024); // KiB: a bounded page cache; the OS caches the rest
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setBusyTimeout(5_000);
        this.db = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try {
            if (!readOnly) {
                createSchema();
            }
            checkSchema();
            db.setAutoCommit(false);
            findByFp = db.prepareStatement("SELECT url, state FROM url WHERE fp = ?");
            insert =
                    db.prepareStatement(
                            "INSERT INTO url(fp, url, host, state, depth, attempt, kind, redirects,"
                                    + " parent) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)");
            pendingOfHost =
                    db.prepareStatement(
                            "SELECT id, url, depth, attempt, kind, redirects, parent, not_before,"
                                    + " etag, last_modified FROM url"
                                    + " WHERE state = 0 AND host = ? AND id > ? ORDER BY id LIMIT"
                                    + " ?");
            updateRetry =
                    db.prepareStatement(
                            "UPDATE url SET attempt = ?, not_before = ? WHERE fp = ? AND url = ?");
            updateFinal =
                    db.prepareStatement(
                            "UPDATE url SET state = ?, attempt = ?, status = ?, detail = ?, etag ="
                                    + " coalesce(?, etag), last_modified = coalesce(?,"
                                    + " last_modified), not_before = NULL, finished_at = ? WHERE"
                                    + " fp = ? AND url = ?");
            insertSeedHost = db.prepareStatement("INSERT OR IGNORE INTO seed_host VALUES (?)");
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        if (readOnly) {
            committer = null;
        } else {
            committer =
                    Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().daemon().name("state-commit").factory());
            committer.scheduleWithFixedDelay(
                    this::commitQuietly, COMMIT_MILLIS, COMMIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Opens (creating if needed) the database in {@code dir} for a crawl. */
    static SqliteStore open(Path dir) throws SQLException {
        return new SqliteStore(dir.resolve(FILE_NAME), false);
    }

    /** Opens the database in {@code dir} to read it, while a crawl may be writing it. */
    static SqliteStore openReadOnly(Path dir) throws SQLException {
        return new SqliteStore(dir.resolve(FILE_NAME), true);
    }

    private void createSchema() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate(
                    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.executeUpdate(
                    "INSERT OR IGNORE INTO meta VALUES ('schema', '" + SCHEMA_VERSION + "')");
            s.executeUpdate(
                    """
                    CREATE TABLE IF NOT EXISTS url(
                      id INTEGER PRIMARY KEY,
                      fp INTEGER NOT NULL,
                      url TEXT NOT NULL,
                      host TEXT NOT NULL,
                      state INTEGER NOT NULL,
                      depth INTEGER NOT NULL,
                      attempt INTEGER NOT NULL,
                      kind INTEGER NOT NULL,
                      redirects INTEGER NOT NULL,
                      parent TEXT,
                      not_before INTEGER,
                      status INTEGER,
                      detail TEXT,
                      etag TEXT,
                      last_modified TEXT,
                      finished_at INTEGER)""");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS url_fp ON url(fp)");
            s.executeUpdate(
                    "CREATE INDEX IF NOT EXISTS url_pending ON url(host, id) WHERE state = 0");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS url_failed ON url(id) WHERE state = 2");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS seed_host(origin TEXT PRIMARY KEY)");
        }
    }

    private void checkSchema() throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
            String version = rs.next() ? rs.getString(1) : "none";
            if (!String.valueOf(SCHEMA_VERSION).equals(version)) {
                throw new SQLException(
                        file
                                + " has state format "
                                + version
                                + ", this crawler reads format "
                                + SCHEMA_VERSION);
            }
        }
    }

    /** A 64-bit fingerprint of a URL: the seen-set's index key (collisions are checked). */
    static long fingerprint(String url) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < url.length(); i++) {
            h = (h ^ url.charAt(i)) * 0x100000001B3L;
        }
        // murmur3's finalizer spreads the FNV bits
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean admit(CrawlRequest request, String hostKey) {
        String url = request.url().toString();
        long fp = fingerprint(url);
        lock.lock();
        try {
            findByFp.setLong(1, fp);
            try (ResultSet rs = findByFp.executeQuery()) {
                while (rs.next()) {
                    if (url.equals(rs.getString(1))) {
                        return false;
                    }
                }
            }
            insert.setLong(1, fp);
            insert.setString(2, url);
            insert.setString(3, hostKey);
            insert.setInt(4, request.depth());
            insert.setInt(5, request.attempt());
            insert.setInt(6, request.kind().ordinal());
            insert.setInt(7, request.redirects());
            setOptional(insert, 8, request.parent().map(URI::toString));
            insert.executeUpdate();
            dirty = true;
            return true;
        } catch (SQLException e) {
            throw failure("admit " + url, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredRequest> pending(String hostKey, long afterId, int limit) {
        lock.lock();
        try {
            pendingOfHost.setString(1, hostKey);
            pendingOfHost.setLong(2, afterId);
            pendingOfHost.setInt(3, limit);
            List<StoredRequest> out = new ArrayList<>(limit);
            try (ResultSet rs = pendingOfHost.executeQuery()) {
                while (rs.next()) {
                    CrawlRequest r =
                            new CrawlRequest(
                                    URI.create(rs.getString(2)),
                                    rs.getInt(3),
                                    rs.getInt(4),
                                    Optional.ofNullable(rs.getString(7)).map(URI::create),
                                    CrawlRequest.Kind.values()[rs.getInt(5)],
                                    rs.getInt(6),
                                    new Validators(
                                            Optional.ofNullable(rs.getString(9)),
                                            Optional.ofNullable(rs.getString(10))));
                    out.add(new StoredRequest(rs.getLong(1), r, rs.getLong(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("load pending URLs of " + hostKey, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, Long> pendingHosts() {
        Map<String, Long> out = new LinkedHashMap<>();
        query(
                "SELECT host, count(*) FROM url WHERE state = 0 GROUP BY host",
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    @Override
    public List<URI> seedHosts() {
        List<URI> out = new ArrayList<>();
        query("SELECT origin FROM seed_host", rs -> out.add(URI.create(rs.getString(1) + "/")));
        return out;
    }

    @Override
    public void seedHost(URI seed) {
        lock.lock();
        try {
            insertSeedHost.setString(1, dev.crawler.politeness.HostKey.of(seed));
            if (insertSeedHost.executeUpdate() > 0) {
                dirty = true;
            }
        } catch (SQLException e) {
            throw failure("remember seed host " + seed, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void retrying(CrawlRequest next, long notBeforeEpochMillis) {
        String url = next.url().toString();
        lock.lock();
        try {
            updateRetry.setInt(1, next.attempt());
            updateRetry.setLong(2, notBeforeEpochMillis);
            updateRetry.setLong(3, fingerprint(url));
            updateRetry.setString(4, url);
            updateRetry.executeUpdate();
            dirty = true;
        } catch (SQLException e) {
            throw failure("keep retry of " + url, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finished(CrawlRequest request, Completion completion) {
        String url = request.url().toString();
        lock.lock();
        try {
            updateFinal.setInt(1, stateOf(completion.outcome()));
            updateFinal.setInt(2, request.attempt());
            if (completion.status() > 0) {
                updateFinal.setInt(3, completion.status());
            } else {
                updateFinal.setNull(3, Types.INTEGER);
            }
            setOptional(updateFinal, 4, Optional.of(completion.detail()).filter(d -> !d.isEmpty()));
            setOptional(updateFinal, 5, completion.validators().etag());
            setOptional(updateFinal, 6, completion.validators().lastModified());
            updateFinal.setLong(7, System.currentTimeMillis());
            updateFinal.setLong(8, fingerprint(url));
            updateFinal.setString(9, url);
            updateFinal.executeUpdate();
            dirty = true;
        } catch (SQLException e) {
            throw failure("record the end of " + url, e);
        } finally {
            lock.unlock();
        }
    }

    private static int stateOf(Outcome outcome) {
        return switch (outcome) {
            case FETCHED -> FETCHED;
            case FAILED -> FAILED;
            case SKIPPED -> SKIPPED;
        };
    }

    // ---- whole-crawl operations (status, dead letters, recrawl) ---------------------------

    @Override
    public StateCounts counts() {
        long[] n = new long[4];
        query(
                "SELECT state, count(*) FROM url GROUP BY state",
                rs -> n[rs.getInt(1)] = rs.getLong(2));
        return new StateCounts(n[PENDING], n[FETCHED], n[FAILED], n[SKIPPED]);
    }

    /** Whether {@code url} is in a final state. */
    boolean isFinal(String url) {
        lock.lock();
        try {
            findByFp.setLong(1, fingerprint(url));
            try (ResultSet rs = findByFp.executeQuery()) {
                while (rs.next()) {
                    if (url.equals(rs.getString(1))) {
                        return rs.getInt(2) != PENDING;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw failure("look up " + url, e);
        } finally {
            lock.unlock();
        }
    }

    /** The URLs that failed for good, with their last error, in admission order. */
    void forEachFailed(Consumer<CrawlState.DeadLetter> each) {
        query(
                "SELECT url, coalesce(detail, ''), attempt, coalesce(status, 0) FROM url"
                        + " WHERE state = 2 ORDER BY id",
                rs ->
                        each.accept(
                                new CrawlState.DeadLetter(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getInt(3),
                                        rs.getInt(4))));
    }

    /** Makes every URL in {@code fromState} pending again, first attempt; returns how many. */
    int reopen(int fromState) {
        lock.lock();
        try (PreparedStatement s =
                db.prepareStatement(
                        "UPDATE url SET state = 0, attempt = 1, not_before = NULL, detail = NULL"
                                + " WHERE state = ?")) {
            s.setInt(1, fromState);
            int n = s.executeUpdate();
            db.commit();
            return n;
        } catch (SQLException e) {
            throw failure("reopen URLs", e);
        } finally {
            lock.unlock();
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        lock.lock();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw failure("read " + file, e);
        } finally {
            lock.unlock();
        }
    }

    private static void setOptional(PreparedStatement s, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            s.setString(index, value.get());
        } else {
            s.setNull(index, Types.VARCHAR);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(
                "crawl state " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    // ---- durability ------------------------------------------------------------------------

    /** Commits what changed since the last commit. */
    void commit() {
        lock.lock();
        try {
            if (dirty && !closed && !readOnly) {
                db.commit();
                dirty = false;
            }
        } catch (SQLException e) {
            throw failure("commit", e);
        } finally {
            lock.unlock();
        }
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (RuntimeException e) {
            LOG.error("Saving the crawl state failed", e);
        }
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.shutdownNow();
            try {
                if (!committer.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("State commit thread did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (dirty && !readOnly) {
                db.commit();
            }
            closed = true;
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        } finally {
            lock.unlock();
        }
    }
}
