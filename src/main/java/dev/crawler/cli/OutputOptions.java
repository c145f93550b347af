package dev.crawler.cli;

import dev.crawler.config.Units;
import dev.crawler.sink.BodyFolderSink;
import dev.crawler.sink.CrawlSink;
import dev.crawler.sink.JsonLinesSink;
import dev.crawler.sink.WarcSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where results go, shared by {@code crawl} and {@code demo}. */
final class OutputOptions {
    @Option(
            names = "--summary-json",
            paramLabel = "FILE",
            description = "Also write the final summary as JSON to FILE.")
    Optional<Path> summaryJson = Optional.empty();

    @Option(
            names = "--warc",
            paramLabel = "DIR",
            description =
                    "Also write WARC 1.1 files (request, response, metadata per page) into DIR.")
    Optional<Path> warcDir = Optional.empty();

    @Option(
            names = "--warc-max-size",
            paramLabel = "SIZE",
            defaultValue = "1GiB",
            converter = SizeConverter.class,
            description = "Start a new WARC file past this size (default: ${DEFAULT-VALUE}).")
    long warcMaxSize;

    @Option(
            names = "--save-bodies",
            paramLabel = "DIR",
            description = "Also save each fetched page's body into DIR (safe file names).")
    Optional<Path> bodiesDir = Optional.empty();

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar (there is none when stderr is not a terminal).")
    boolean quiet;

    /** Opens every requested sink; on failure closes those already open. */
    List<CrawlSink> open(String out, Console console, String software) throws IOException {
        return open(out, console, software, Optional.empty());
    }

    /**
     * Opens every requested sink; on failure closes those already open. With {@code resumeFilter}
     * (a crawl kept in a state folder) the JSON Lines file is appended to, after removing what the
     * state does not hold as final.
     */
    List<CrawlSink> open(
            String out,
            Console console,
            String software,
            Optional<java.util.function.Predicate<String>> resumeFilter)
            throws IOException {
        List<CrawlSink> sinks = new ArrayList<>();
        try {
            sinks.add(
                    out.equals("-") || resumeFilter.isEmpty()
                            ? openJsonLines(out, console)
                            : JsonLinesSink.resuming(Path.of(out), resumeFilter.get()));
            if (warcDir.isPresent()) {
                sinks.add(new WarcSink(warcDir.get(), "crawl", warcMaxSize, software));
            }
            if (bodiesDir.isPresent()) {
                sinks.add(new BodyFolderSink(bodiesDir.get()));
            }
            return sinks;
        } catch (IOException | RuntimeException e) {
            sinks.forEach(CrawlSink::close);
            throw e;
        }
    }

    private static CrawlSink openJsonLines(String out, Console console) throws IOException {
        if (out.equals("-")) {
            return JsonLinesSink.toStream(console.out());
        }
        return JsonLinesSink.toFile(Path.of(out)); // refuses a directory itself
    }

    /** Reads sizes such as {@code 512MiB}. */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Units.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
