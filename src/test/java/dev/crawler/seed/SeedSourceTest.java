package dev.crawler.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedSourceTest {
    @TempDir Path dir;

    private static List<SeedLine> read(SeedSource source) throws Exception {
        List<SeedLine> lines = new ArrayList<>();
        source.forEach(lines::add);
        return lines;
    }

    @Test
    void skipsBlanksCommentsAndTheBomAndKeepsLineNumbers() throws Exception {
        Path file = dir.resolve("seeds.txt");
        Files.writeString(
                file,
                "\uFEFFhttp://a.example/\n\n# a comment\n   http://b.example/  \r\n\tjunk line\n");
        assertThat(read(SeedSource.file(file)))
                .containsExactly(
                        new SeedLine(file + ":1", "http://a.example/"),
                        new SeedLine(file + ":4", "http://b.example/"),
                        new SeedLine(file + ":5", "junk line"));
    }

    @Test
    void readsAStreamWithoutClosingIt() throws Exception {
        boolean[] closed = {false};
        ByteArrayInputStream in =
                new ByteArrayInputStream("http://x.example/\n".getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public void close() {
                        closed[0] = true;
                    }
                };
        assertThat(read(SeedSource.stream("stdin", in)))
                .containsExactly(new SeedLine("stdin:1", "http://x.example/"));
        assertThat(closed[0]).isFalse();
    }

    @Test
    void numbersArguments() throws Exception {
        assertThat(read(SeedSource.of("arguments", List.of("a", " ", "b"))))
                .containsExactly(
                        new SeedLine("arguments:1", "a"), new SeedLine("arguments:3", "b"));
    }

    @Test
    void handlesAHundredThousandLines() throws Exception {
        Path file = dir.resolve("big.txt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            b.append("http://e.example/").append(i).append('\n');
        }
        Files.writeString(file, b);
        int[] count = {0};
        SeedSource.file(file).forEach(l -> count[0]++);
        assertThat(count[0]).isEqualTo(100_000);
    }
}
