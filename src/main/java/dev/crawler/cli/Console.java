package dev.crawler.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process's streams and its shutdown state, handed to every command so that tests can run the
 * CLI in-process with their own streams.
 *
 * @param out standard output (results when {@code --out -})
 * @param err standard error (progress, summary, messages)
 * @param in standard input ({@code --seeds -})
 * @param shuttingDown set by the shutdown hook: the JVM is already exiting, so {@code System.exit}
 *     must not be called
 */
record Console(PrintStream out, PrintStream err, InputStream in, AtomicBoolean shuttingDown) {
    static Console system() {
        return new Console(System.out, System.err, System.in, new AtomicBoolean());
    }
}
