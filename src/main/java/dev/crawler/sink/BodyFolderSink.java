package dev.crawler.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Saves the decoded body of every fetched page into a folder, one file per URL, under a name
 * derived from the URL but always safe: {@code HOST_PORT/PATH-AND-QUERY-HASH.EXT}, where only
 * {@code [A-Za-z0-9._-]} survive, dots cannot lead, each part is length-bounded, and a hash of the
 * whole URL keeps names unique (two URLs never share a file, even on a case-insensitive file
 * system). The resolved path is checked to stay inside the folder.
 *
 * <p>Thread-safe: each file is written to a unique temporary name and moved into place.
 */
public final class BodyFolderSink implements CrawlSink {
    private static final int MAX_HOST = 80;
    private static final int MAX_STEM = 80;

    private final Path root;

    /** Saves bodies under {@code root} (created if needed). */
    public BodyFolderSink(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    @Override
    public void accept(CrawlResult result) {
        if (!(result instanceof CrawlResult.Fetched fetched)) {
            return;
        }
        Path file = pathFor(fetched.request().url(), fetched.info().contentType());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".part-", ".tmp");
            Files.write(tmp, fetched.exchange().body());
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot save body of " + fetched.request().url() + ": " + e.getMessage(), e);
        }
    }

    /** Where the body of {@code url} goes; always inside the folder. */
    public Path pathFor(URI url, String contentType) {
        String host =
                clean(
                        url.getHost() == null ? "unknown" : url.getHost().toLowerCase(Locale.ROOT),
                        MAX_HOST);
        int port = url.getPort();
        String hostDir = port < 0 ? host : host + "_" + port;
        String pathAndQuery =
                (url.getRawPath() == null ? "" : url.getRawPath())
                        + (url.getRawQuery() == null ? "" : "_" + url.getRawQuery());
        String stem = clean(pathAndQuery, MAX_STEM);
        String name =
                (stem.isEmpty() ? "index" : stem)
                        + "-"
                        + hash(url.toString())
                        + extension(contentType);
        Path file = root.resolve(hostDir).resolve(name).normalize();
        if (!file.startsWith(root)
                || file.getParent() == null
                || !file.getParent().getParent().equals(root)) {
            throw new IllegalStateException("unsafe file name for " + url + ": " + file);
        }
        return file;
    }

    /** Keeps {@code [A-Za-z0-9._-]}, folds runs of anything else to one '_', no leading dots. */
    static String clean(String raw, int max) {
        StringBuilder b = new StringBuilder();
        boolean underscore = false;
        for (int i = 0; i < raw.length() && b.length() < max; i++) {
            char c = raw.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '-'
                            || c == '_';
            if (ok && !(c == '.' && b.isEmpty())) {
                b.append(c);
                underscore = false;
            } else if (!underscore && !b.isEmpty()) {
                b.append('_');
                underscore = true;
            }
        }
        String s = b.toString().replace("..", "_");
        while (s.endsWith("_") || s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String extension(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        if (t.contains("html")) return ".html";
        if (t.contains("xml")) return ".xml";
        if (t.contains("text/plain")) return ".txt";
        return ".bin";
    }

    private static String hash(String url) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
