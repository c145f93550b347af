package dev.crawler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the CLI in a child JVM on the test class path, for tests that need a process. */
final class ChildJvm {
    private ChildJvm() {}

    /** The JVM options of the launcher, {@code bin/crawler}'s {@code DEFAULT_JAVA_OPTS}. */
    static List<String> launcherOptions() {
        try {
            for (String line : Files.readAllLines(Path.of("bin/crawler"))) {
                if (line.startsWith("DEFAULT_JAVA_OPTS=\"")) {
                    return List.of(line.substring(19, line.length() - 1).split(" "));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("bin/crawler has no DEFAULT_JAVA_OPTS line");
    }

    /** A process builder for {@code crawler ARGS} with {@code jvmOptions}. */
    static ProcessBuilder cli(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("dev.crawler.cli.Main");
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
