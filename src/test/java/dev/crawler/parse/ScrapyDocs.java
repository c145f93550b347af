package dev.crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Scrapy's documentation as Debian installs it (make test asks for it): real pages to agree on. */
final class ScrapyDocs {
    private static final Path DOCS = Path.of("/usr/share/doc/python-scrapy-doc/html");

    private ScrapyDocs() {}

    /** Its HTML pages, more than a hundred. */
    static List<Path> pages() throws IOException {
        List<Path> pages;
        try (Stream<Path> all = Files.walk(DOCS)) {
            pages = all.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(pages).hasSizeGreaterThan(100);
        return pages;
    }

    /** Where {@code page} is published. */
    static URI url(Path page) {
        return URI.create("https://docs.scrapy.org/en/latest/" + DOCS.relativize(page));
    }
}
