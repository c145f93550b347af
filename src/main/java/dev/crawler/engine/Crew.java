package dev.crawler.engine;

import dev.crawler.extract.Extractor;
import dev.crawler.fetch.ByteBudget;
import dev.crawler.fetch.Fetcher;
import dev.crawler.fetch.SessionControl;
import dev.crawler.frontier.Frontier;
import dev.crawler.parse.PageParser;
import dev.crawler.sink.ItemSink;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What every fetcher of a run shares, made once by {@link CrawlRun}; each part is thread-safe.
 *
 * @param queue the bounded hand-off fetchers take work from
 * @param frontier where links, redirects, retries and releases go
 * @param fetcher the HTTP fetcher (rate-limited, decorated)
 * @param parser parses pages
 * @param extractor runs the user's handlers
 * @param items where items go
 * @param recorder makes URLs final and counts
 * @param inFlight fetches in flight now
 * @param stopping whether the run is stopping
 * @param budget the memory budget of bodies and documents
 * @param sessions retires the session a handler says is blocked
 */
record Crew(
        HandOff queue,
        Frontier frontier,
        Fetcher fetcher,
        PageParser parser,
        Extractor extractor,
        ItemSink items,
        ResultRecorder recorder,
        AtomicInteger inFlight,
        BooleanSupplier stopping,
        ByteBudget budget,
        SessionControl sessions) {}
