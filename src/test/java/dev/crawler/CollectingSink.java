package dev.crawler;

import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A thread-safe sink that keeps every record, for assertions. */
final class CollectingSink implements CrawlSink {
    private final ConcurrentLinkedQueue<CrawlResult> results = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    @Override
    public void accept(CrawlResult result) {
        results.add(result);
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    List<CrawlResult> results() {
        return List.copyOf(results);
    }

    /** Records by URL path; fails on a URL recorded twice. */
    Map<String, CrawlResult> byPath() {
        return results.stream()
                .collect(Collectors.toMap(r -> r.request().url().getPath(), Function.identity()));
    }

    long count(Class<? extends CrawlResult> type) {
        return results.stream().filter(type::isInstance).count();
    }

    List<URI> urls() {
        return results.stream().map(r -> r.request().url()).toList();
    }
}
