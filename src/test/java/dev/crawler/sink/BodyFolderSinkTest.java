package dev.crawler.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodyFolderSinkTest {
    @TempDir Path dir;

    @Test
    void hostileUrlsStayInsideTheFolderWithBoundedUniqueNames() throws Exception {
        BodyFolderSink sink = new BodyFolderSink(dir);
        Path root = dir.toRealPath();
        List<String> hostile =
                List.of(
                        "http://example.com/../../etc/passwd",
                        "http://example.com/..%2f..%2f..%2fetc%2fpasswd",
                        "http://example.com/a/b/../../../../x",
                        "http://example.com/%2e%2e/%2e%2e/boot.ini",
                        "http://example.com/" + "z".repeat(5000),
                        "http://example.com/CON",
                        "http://example.com/.hidden",
                        "http://example.com/a%00b",
                        "http://example.com/%E2%80%AE%E2%80%8Bcod.exe",
                        "http://example.com/a?b=1",
                        "http://example.com/a?b=2",
                        "http://example.com/A?b=1",
                        "http://example.com/",
                        "http://example.com",
                        "http://exa..mple.com:8080/x",
                        "http://[::1]:8080/x");
        Set<Path> seen = new HashSet<>();
        for (String u : hostile) {
            Path p = sink.pathFor(URI.create(u), "text/html");
            assertThat(p.startsWith(root)).as(u).isTrue();
            assertThat(p.getParent().getParent()).as(u).isEqualTo(root); // exactly HOST/NAME
            assertThat(p.getFileName().toString())
                    .as(u)
                    .matches("[A-Za-z0-9_][A-Za-z0-9._-]*\\.html")
                    .hasSizeLessThanOrEqualTo(110);
            assertThat(p.getParent().getFileName().toString())
                    .as(u)
                    .matches("[A-Za-z0-9_][A-Za-z0-9._-]*");
            assertThat(seen.add(p)).as("no collision for %s", u).isTrue();
        }
    }
}
