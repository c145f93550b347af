package dev.crawler;

import dev.crawler.sink.Item;
import dev.crawler.sink.ItemSink;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A thread-safe item sink that keeps every item, for assertions. */
final class CollectingItemSink implements ItemSink {
    private final ConcurrentLinkedQueue<Item> items = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    @Override
    public void accept(Item item) {
        items.add(item);
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    List<Item> items() {
        return List.copyOf(items);
    }
}
