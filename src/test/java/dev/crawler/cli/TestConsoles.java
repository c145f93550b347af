package dev.crawler.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/** Consoles for running the CLI in-process with captured streams. */
final class TestConsoles {
    private TestConsoles() {}

    /** Standard output and error into the given buffers; {@code stdin} as standard input. */
    static Console capturing(ByteArrayOutputStream out, ByteArrayOutputStream err, String stdin) {
        return new Console(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new AtomicBoolean());
    }
}
