package dev.crawler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the CLI in a child JVM on the test class path, for tests that need a process. */
final class ChildJvm {
    private ChildJvm() {}

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
