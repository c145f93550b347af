package dev.crawler.cli;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A folder of files served on 127.0.0.1 by the JDK's file server ({@code serve-site --dir}): a
 * static site to crawl, a documentation tree for {@code make bench}'s third site. Its index page
 * for a folder, content types from file names, nothing outside the folder. Thread-safe; close it to
 * stop.
 */
final class FolderSite implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private FolderSite(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code folder} on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one
     * @throws IllegalArgumentException when {@code folder} is not a folder
     */
    static FolderSite start(int port, Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        HttpServer server =
                SimpleFileServer.createFileServer(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        folder.toAbsolutePath().normalize(),
                        SimpleFileServer.OutputLevel.NONE);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new FolderSite(server, executor);
    }

    /** The site's root URL, e.g. {@code http://127.0.0.1:41234/}. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
