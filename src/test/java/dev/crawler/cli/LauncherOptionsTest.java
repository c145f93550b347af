package dev.crawler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmark measures the JVM options the launcher really uses. */
class LauncherOptionsTest {
    @Test
    void benchAndLauncherUseTheSameJvmOptions() throws Exception {
        String launcher = Files.readString(Path.of("bin/crawler"));
        assertThat(launcher)
                .contains("DEFAULT_JAVA_OPTS=\"" + String.join(" ", Bench.LAUNCHER_OPTS) + "\"");
    }
}
