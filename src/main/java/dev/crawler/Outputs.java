package dev.crawler;

import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import dev.crawler.sink.Item;
import dev.crawler.sink.ItemSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a crawl's records and items go: every sink gets every one, from the fetcher threads (sinks
 * are thread-safe), and all are closed at the end, the first failure rethrown with the others
 * suppressed. Immutable.
 */
record Outputs(List<CrawlSink> sinks, List<ItemSink> itemSinks) {
    Outputs {
        sinks = List.copyOf(sinks);
        itemSinks = List.copyOf(itemSinks);
    }

    void deliver(CrawlResult result) {
        for (CrawlSink sink : sinks) {
            sink.accept(result);
        }
    }

    void deliver(Item item) {
        for (ItemSink sink : itemSinks) {
            sink.accept(item);
        }
    }

    void close() {
        RuntimeException first = null;
        List<AutoCloseable> all = new ArrayList<>(itemSinks);
        all.addAll(sinks);
        for (AutoCloseable sink : all) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            } catch (Exception e) {
                throw new IllegalStateException("a sink's close() threw a checked exception", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
