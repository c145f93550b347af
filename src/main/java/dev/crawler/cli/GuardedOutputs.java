package dev.crawler.cli;

import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import dev.crawler.sink.Item;
import dev.crawler.sink.ItemSink;
import dev.crawler.sink.JsonLinesSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a run's record and item files from replacing existing ones until the run is known to have
 * succeeded: the crawler's close of each guarded sink does nothing, and {@link #finish} then either
 * closes them (a new file replaces the old) or, for a run that failed (no valid seed, a lost
 * frontier, an output error, a crawler that could not start), abandons them: the new output stays
 * {@code FILE.part} and {@code FILE} is left as it was. Confined to the command's thread; the
 * wrappers delegate their records and items to thread-safe sinks.
 */
final class GuardedOutputs {
    private final List<JsonLinesSink> records = new ArrayList<>();
    private final List<CrawlSink> others = new ArrayList<>();
    private final List<ItemSink> items = new ArrayList<>();

    /** The sink to give the crawler instead of {@code sink}; {@link #finish} closes it. */
    CrawlSink guard(CrawlSink sink) {
        if (sink instanceof JsonLinesSink lines) {
            records.add(lines);
        } else {
            others.add(sink);
        }
        return new CrawlSink() {
            @Override
            public void accept(CrawlResult result) {
                sink.accept(result);
            }

            @Override
            public void close() {
                // finish() decides
            }
        };
    }

    /** The item sink to give the crawler instead of {@code sink}. */
    ItemSink guardItems(ItemSink sink) {
        items.add(sink);
        return new ItemSink() {
            @Override
            public void accept(Item item) {
                sink.accept(item);
            }

            @Override
            public void close() {
                // finish() decides
            }
        };
    }

    /** Commits the outputs of a run that ended with {@code exitCode}, or keeps the old files. */
    void finish(int exitCode, Console console) {
        boolean keep = exitCode == ExitCodes.OK || exitCode == ExitCodes.INTERRUPTED;
        List<Optional<Path>> partial = new ArrayList<>();
        for (JsonLinesSink s : records) {
            if (keep) s.close();
            else partial.add(s.abandon());
        }
        for (ItemSink s : items) {
            if (keep) s.close();
            else partial.add(s.abandon());
        }
        others.forEach(CrawlSink::close);
        for (Optional<Path> p : partial) {
            p.ifPresent(
                    part ->
                            console.err()
                                    .println(
                                            "  kept       the existing output; this run's is in "
                                                    + part));
        }
    }
}
