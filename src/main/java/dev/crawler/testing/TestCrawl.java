package dev.crawler.testing;

import static java.util.Objects.requireNonNull;

import dev.crawler.CrawlSummary;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished test crawl: its summary, every URL's final record, every item; with lookups by path
 * and assertions that fail with an {@link AssertionError} saying what was found instead (usable
 * with JUnit, TestNG or anything else). Immutable.
 *
 * @param summary the crawl's summary
 * @param records every URL's final record, in the order they were recorded
 * @param items every item emitted, in the order they were delivered
 */
public record TestCrawl(CrawlSummary summary, List<CrawlResult> records, List<Item> items) {
    /** Copies the lists. */
    public TestCrawl {
        requireNonNull(summary, "summary");
        records = List.copyOf(records);
        items = List.copyOf(items);
    }

    /** The record of the URL with this path (and query), if the crawl admitted it. */
    public Optional<CrawlResult> record(String pathAndQuery) {
        for (CrawlResult r : records) {
            String raw = r.request().url().getRawPath();
            String q = r.request().url().getRawQuery();
            String pq = q == null ? raw : raw + "?" + q;
            if (pq.equals(pathAndQuery) || (raw.isEmpty() && pathAndQuery.equals("/"))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The items of one type, in order. */
    public List<Item> items(String type) {
        return items.stream().filter(i -> i.type().equals(type)).toList();
    }

    /** The items' data of one type, in order (maps from rules; records or maps from handlers). */
    public List<Object> data(String type) {
        return items(type).stream().map(Item::data).toList();
    }

    /** The records by outcome, for a quick look in a failure message. */
    public Map<String, List<String>> outcomes() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (CrawlResult r : records) {
            out.computeIfAbsent(
                            r.outcome().name().toLowerCase(java.util.Locale.ROOT),
                            k -> new ArrayList<>())
                    .add(r.request().url().getRawPath());
        }
        return out;
    }

    /** Asserts the URL with this path was fetched (a 304 on a recrawl counts). */
    public TestCrawl assertFetched(String pathAndQuery) {
        CrawlResult r = expect(pathAndQuery);
        if (!(r instanceof CrawlResult.Fetched) && !(r instanceof CrawlResult.Unchanged)) {
            throw new AssertionError(pathAndQuery + " was not fetched: " + describe(r));
        }
        return this;
    }

    /** Asserts the URL with this path failed, with an error containing {@code errorPart}. */
    public TestCrawl assertFailed(String pathAndQuery, String errorPart) {
        CrawlResult r = expect(pathAndQuery);
        if (!(r instanceof CrawlResult.Failed f) || !f.error().contains(errorPart)) {
            throw new AssertionError(
                    pathAndQuery + " did not fail with '" + errorPart + "': " + describe(r));
        }
        return this;
    }

    /** Asserts the URL with this path was skipped, for a reason containing {@code reasonPart}. */
    public TestCrawl assertSkipped(String pathAndQuery, String reasonPart) {
        CrawlResult r = expect(pathAndQuery);
        if (!(r instanceof CrawlResult.Skipped s) || !s.reason().contains(reasonPart)) {
            throw new AssertionError(
                    pathAndQuery + " was not skipped for '" + reasonPart + "': " + describe(r));
        }
        return this;
    }

    /** Asserts no URL with this path was admitted (out of scope, too deep, never linked). */
    public TestCrawl assertNotCrawled(String pathAndQuery) {
        record(pathAndQuery)
                .ifPresent(
                        r -> {
                            throw new AssertionError(pathAndQuery + " was crawled: " + describe(r));
                        });
        return this;
    }

    /** Asserts the ledger adds up and every admitted URL has exactly one record. */
    public TestCrawl assertLedgerBalanced() {
        if (!summary.ledgerBalanced() || records.size() != summary.admitted() - summary.pending()) {
            throw new AssertionError(
                    "the ledger does not add up: admitted "
                            + summary.admitted()
                            + " = fetched "
                            + summary.fetched()
                            + " + failed "
                            + summary.failed()
                            + " + skipped "
                            + summary.skipped()
                            + " + pending "
                            + summary.pending()
                            + ", "
                            + records.size()
                            + " records");
        }
        return this;
    }

    /** Asserts the crawl ended without an error of its own (output, frontier). */
    public TestCrawl assertNoCrawlError() {
        summary.error()
                .ifPresent(
                        e -> {
                            throw new AssertionError("the crawl failed: " + e);
                        });
        return this;
    }

    private CrawlResult expect(String pathAndQuery) {
        return record(pathAndQuery)
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        pathAndQuery + " was not crawled; records: " + outcomes()));
    }

    private static String describe(CrawlResult r) {
        return switch (r) {
            case CrawlResult.Fetched f -> "fetched, status " + f.info().status();
            case CrawlResult.Unchanged u -> "unchanged (304)";
            case CrawlResult.Failed f -> "failed: " + f.error();
            case CrawlResult.Skipped s -> "skipped: " + s.reason();
        };
    }
}
