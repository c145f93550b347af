package dev.crawler.fetch;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crawl's cookies: RFC 6265 through the JDK's {@link CookieManager}, filled at start from
 * Netscape {@code cookies.txt} files (what browsers and curl export: {@code --cookies FILE}, and
 * the state folder's own copy), and written back in that format so that a resumed crawl stays
 * logged in.
 *
 * <p>Thread-safe: the JDK's cookie store is; the flags and times are atomic, and one thread at a
 * time saves (the others skip the save instead of waiting).
 */
public final class CookieJar {
    private final CookieManager manager;
    private final AtomicBoolean changed = new AtomicBoolean();

    /** When each cookie expires, in epoch seconds (0: with the session), as it was added. */
    private final Map<HttpCookie, Long> expiry = new ConcurrentHashMap<>();

    /** The host each cookie came from. */
    private final Map<HttpCookie, String> hosts = new ConcurrentHashMap<>();

    /** Set while one thread saves; no lock is held across the write. */
    private final AtomicBoolean saving = new AtomicBoolean();

    private final AtomicLong lastSave = new AtomicLong(System.nanoTime());

    /** Set once the jar has held a cookie: until then no request has one to send. */
    private volatile boolean everHeld;

    /** An empty jar. */
    public CookieJar() {
        CookieManager inner = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
        this.manager =
                new SparingCookieManager(new Watched(inner.getCookieStore()), () -> everHeld);
    }

    /** The handler the HTTP client sends and stores cookies through. */
    public CookieHandler handler() {
        return manager;
    }

    /** Every cookie held, expired ones dropped. */
    public List<HttpCookie> cookies() {
        return manager.getCookieStore().getCookies();
    }

    /** Whether a cookie was added or removed since the last call; resets the flag. */
    public boolean takeChanged() {
        return changed.getAndSet(false);
    }

    /**
     * Adds the cookies of a Netscape {@code cookies.txt}: tab-separated domain, include-subdomains
     * flag, path, secure flag, expiry (epoch seconds, 0 for a session cookie), name, value; {@code
     * #HttpOnly_} before the domain marks an HTTP-only cookie, other {@code #} lines are comments.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     */
    public void load(Path file) throws IOException {
        load(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Adds the cookies of a {@code cookies.txt} text, as {@link #load(Path)} does.
     *
     * @param source how errors name where the text came from
     */
    public void load(String text, String source) {
        List<String> lines = text.lines().toList();
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean httpOnly = line.startsWith("#HttpOnly_");
            if (httpOnly) {
                line = line.substring("#HttpOnly_".length());
            } else if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 7 || f[0].isEmpty() || f[5].isEmpty()) {
                throw new IllegalArgumentException(
                        source
                                + ":"
                                + (i + 1)
                                + ": not a cookies.txt entry (7 tab-separated fields)");
            }
            long expires;
            try {
                expires = Long.parseLong(f[4]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        source + ":" + (i + 1) + ": expiry '" + f[4] + "' is not a number", e);
            }
            if (expires != 0 && expires <= now) {
                continue; // expired: a browser would not send it
            }
            HttpCookie c = new HttpCookie(f[5], f[6]);
            boolean subdomains = f[1].equalsIgnoreCase("TRUE");
            String domain = f[0].toLowerCase(Locale.ROOT);
            String host = domain.startsWith(".") ? domain.substring(1) : domain;
            c.setDomain(subdomains && !domain.startsWith(".") ? "." + domain : domain);
            c.setPath(f[2].isEmpty() ? "/" : f[2]);
            c.setSecure(f[3].equalsIgnoreCase("TRUE"));
            c.setHttpOnly(httpOnly);
            c.setVersion(0);
            c.setMaxAge(expires == 0 ? -1 : expires - now);
            expiry.put(c, expires);
            manager.getCookieStore()
                    .add(URI.create((c.getSecure() ? "https://" : "http://") + host + "/"), c);
        }
    }

    /**
     * Writes every cookie held, in Netscape format, to {@code file}, readable by its owner only
     * (cookies are credentials); the old file is replaced whole or not at all.
     */
    public void save(Path file) throws IOException {
        writeFile(file, toText());
    }

    /** Every cookie held, as a Netscape {@code cookies.txt}. */
    public String toText() {

        long now = System.currentTimeMillis() / 1000;
        StringBuilder out =
                new StringBuilder("# Netscape HTTP Cookie File (written by the crawler)\n");
        for (HttpCookie c : cookies()) {
            if (c.getDomain() == null) {
                continue;
            }
            String domain = c.getDomain();
            String host = hosts.get(c);
            if (host != null && domain.equalsIgnoreCase(host + ".local")) {
                domain = host; // the JDK's name for a host-only cookie of a dotless host
            }
            out.append(c.isHttpOnly() ? "#HttpOnly_" : "")
                    .append(domain)
                    .append('\t')
                    .append(domain.startsWith(".") ? "TRUE" : "FALSE")
                    .append('\t')
                    .append(c.getPath() == null ? "/" : c.getPath())
                    .append('\t')
                    .append(c.getSecure() ? "TRUE" : "FALSE")
                    .append('\t')
                    .append(expiry.getOrDefault(c, c.getMaxAge() < 0 ? 0 : now + c.getMaxAge()))
                    .append('\t')
                    .append(c.getName())
                    .append('\t')
                    .append(c.getValue())
                    .append('\n');
        }
        return out.toString();
    }

    /** Writes {@code text} to {@code file} whole or not at all, readable by its owner only. */
    static void writeFile(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
        try {
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Saves the cookies to {@code file} if they changed, at most once a second and by one thread at
     * a time (others go on without waiting): a crawl killed at any moment keeps the cookies it had
     * a second before.
     */
    public void saveIfChanged(Keeper keeper) throws IOException {
        long now = System.nanoTime();
        if (now - lastSave.get() < 1_000_000_000L || !saving.compareAndSet(false, true)) {
            return;
        }
        try {
            if (takeChanged()) {
                lastSave.set(now);
                keeper.keep(toText());
            }
        } finally {
            saving.set(false);
        }
    }

    /**
     * Where a crawl keeps its cookies between runs: a state folder's file, a shared crawl's Redis.
     */
    @FunctionalInterface
    public interface Keeper {
        /** Keeps the cookies, as a {@code cookies.txt} text. */
        void keep(String cookiesTxt) throws IOException;

        /** A keeper writing to {@code file}, whole or not at all, readable by its owner only. */
        static Keeper file(Path file) {
            return text -> writeFile(file, text);
        }
    }

    /**
     * As {@link #saveIfChanged}, a failure logged (the crawl goes on with its cookies in memory).
     */
    public void keepIfChanged(Keeper keeper) {
        try {
            saveIfChanged(keeper);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(CookieJar.class)
                    .warn("Cannot keep the cookies: {}", e.toString());
        }
    }

    /** A cookie store that notes every change, so the state's copy is written only when due. */
    private final class Watched implements CookieStore {
        private final CookieStore store;

        Watched(CookieStore store) {
            this.store = store;
        }

        @Override
        public void add(URI uri, HttpCookie cookie) {
            store.add(uri, cookie);
            everHeld = true;
            if (uri.getHost() != null) {
                hosts.put(cookie, uri.getHost().toLowerCase(Locale.ROOT));
            }
            expiry.put(
                    cookie,
                    cookie.getMaxAge() < 0
                            ? 0
                            : System.currentTimeMillis() / 1000 + cookie.getMaxAge());
            changed.set(true);
        }

        @Override
        public List<HttpCookie> get(URI uri) {
            return store.get(uri);
        }

        @Override
        public List<HttpCookie> getCookies() {
            return new ArrayList<>(store.getCookies());
        }

        @Override
        public List<URI> getURIs() {
            return store.getURIs();
        }

        @Override
        public boolean remove(URI uri, HttpCookie cookie) {
            changed.set(true);
            return store.remove(uri, cookie);
        }

        @Override
        public boolean removeAll() {
            changed.set(true);
            return store.removeAll();
        }
    }
}
