package dev.crawler.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crawler.request.CrawlRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemSinkTest {
    @TempDir Path dir;

    static Item item(String url, Object data) {
        return new Item("t", CrawlRequest.seed(URI.create(url)), data);
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void csvQuotesOnlyWhatMustBeQuotedAndWritesListsAsJson() throws IOException {
        Path f = dir.resolve("i.csv");
        try (ItemSink sink = ItemSink.csv(f, List.of("a", "b", "c"))) {
            sink.accept(
                    item(
                            "http://x.test/1",
                            row("a", "plain", "b", "with, comma", "c", List.of("x", "y"))));
            sink.accept(item("http://x.test/2", row("a", "line\nbreak", "b", "say \"hi\"")));
        }
        assertThat(Files.readString(f))
                .isEqualTo(
                        "type,url,a,b,c\n"
                                + "t,http://x.test/1,plain,\"with, comma\",\"[\"\"x\"\",\"\"y\"\"]\"\n"
                                + "t,http://x.test/2,\"line\nbreak\",\"say \"\"hi\"\"\",\n");
    }

    @Test
    void csvWithoutColumnsTakesTheFirstItemsFields() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        record Book(String title, int pages) {}
        try (ItemSink sink = ItemSink.csv(out, List.of())) {
            sink.accept(item("http://x.test/1", new Book("T", 3)));
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("type,url,title,pages\nt,http://x.test/1,T,3\n");
    }

    @Test
    void aResumedCsvLosesItsTornRowAndTheRowsOfPagesNotFinal() throws IOException {
        Path f = dir.resolve("i.csv");
        Files.writeString(
                f,
                "type,url,a\n"
                        + "t,http://x.test/1,one\n"
                        + "t,http://x.test/2,\"two\nlines\"\n"
                        + "t,http://x.test/3,three\n"
                        + "t,http://x.test/1,\"torn");
        Set<String> finals = Set.of("http://x.test/1", "http://x.test/2");
        try (ItemSink sink = ItemSink.csvResuming(f, List.of("a"), finals::contains)) {
            sink.accept(item("http://x.test/3", row("a", "again")));
        }
        assertThat(Files.readString(f))
                .isEqualTo(
                        "type,url,a\n"
                                + "t,http://x.test/1,one\n"
                                + "t,http://x.test/2,\"two\nlines\"\n"
                                + "t,http://x.test/3,again\n");
        assertThatThrownBy(() -> ItemSink.csvResuming(f, List.of("other"), finals::contains))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has the columns [type, url, a]");
    }

    @Test
    void aResumedJsonLinesFileKeepsOnlyTheItemsOfFinalPages() throws IOException {
        Path f = dir.resolve("i.jsonl");
        Files.writeString(
                f,
                "{\"type\":\"t\",\"url\":\"http://x.test/1\",\"data\":{}}\n"
                        + "{\"type\":\"t\",\"url\":\"http://x.test/3\",\"data\":{}}\n"
                        + "{\"type\":\"t\",\"url\":\"http://x.test/1\",\"da");
        try (ItemSink sink = ItemSink.jsonLinesResuming(f, Set.of("http://x.test/1")::contains)) {
            sink.accept(item("http://x.test/3", row("k", 1)));
        }
        assertThat(Files.readAllLines(f))
                .containsExactly(
                        "{\"type\":\"t\",\"url\":\"http://x.test/1\",\"data\":{}}",
                        "{\"type\":\"t\",\"url\":\"http://x.test/3\",\"data\":{\"k\":1}}");
    }

    @Test
    void aNewFileReplacesTheOldOneOnlyWhenClosed() throws IOException {
        Path f = dir.resolve("i.jsonl");
        Files.writeString(f, "old\n");
        ItemSink sink = ItemSink.jsonLines(f);
        sink.accept(item("http://x.test/1", row()));
        assertThat(Files.readString(f)).isEqualTo("old\n");
        sink.close();
        assertThat(Files.readString(f)).startsWith("{\"type\"");
    }
}
