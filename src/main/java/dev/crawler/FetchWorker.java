package dev.crawler;

import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.Fetcher;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.fetch.RetryPolicy;
import dev.crawler.frontier.CrawlRequest;
import dev.crawler.frontier.Frontier;
import dev.crawler.parse.PageParser;
import dev.crawler.parse.ParsedPage;
import dev.crawler.sink.CrawlResult;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fetcher: takes work from the bounded queue until told to stop, fetches, parses, records the
 * result, and hands links and retries to the frontier, which never blocks. It never puts into the
 * queue it takes from, so it cannot deadlock against other fetchers on a full queue.
 *
 * <p>Runs on its own virtual thread; the objects it shares (queue, frontier, fetcher, recorder) are
 * thread-safe.
 */
final class FetchWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FetchWorker.class);

    private final BlockingQueue<Work> queue;
    private final Frontier frontier;
    private final Fetcher fetcher;
    private final PageParser parser;
    private final RetryPolicy retryPolicy;
    private final ResultRecorder recorder;
    private final AtomicInteger inFlight;
    private final BooleanSupplier stopping;

    FetchWorker(
            BlockingQueue<Work> queue,
            Frontier frontier,
            Fetcher fetcher,
            PageParser parser,
            RetryPolicy retryPolicy,
            ResultRecorder recorder,
            AtomicInteger inFlight,
            BooleanSupplier stopping) {
        this.queue = queue;
        this.frontier = frontier;
        this.fetcher = fetcher;
        this.parser = parser;
        this.retryPolicy = retryPolicy;
        this.recorder = recorder;
        this.inFlight = inFlight;
        this.stopping = stopping;
    }

    @Override
    public void run() {
        while (true) {
            Work work;
            try {
                work = queue.take();
            } catch (InterruptedException e) {
                return; // shutting down; nothing in hand
            }
            if (!(work instanceof Work.Fetch(CrawlRequest request))) {
                return; // Work.Stop
            }
            if (stopping.getAsBoolean()) {
                recorder.cancelled(request);
                continue;
            }
            try {
                process(request);
            } catch (InterruptedException e) {
                recorder.cancelled(request);
                return;
            }
        }
    }

    private void process(CrawlRequest request) throws InterruptedException {
        FetchResult result;
        inFlight.incrementAndGet();
        try {
            result = fetcher.fetch(request);
        } finally {
            inFlight.decrementAndGet();
        }
        switch (result) {
            case FetchResult.Page page -> {
                recorder.response(page.info().status(), page.info().bytes());
                onPage(page);
            }
            case FetchResult.NotHtml other -> {
                recorder.response(other.info().status(), 0);
                recorder.finish(
                        new CrawlResult.Skipped(
                                request,
                                Optional.of(other.info()),
                                "not HTML: " + other.info().contentType()));
            }
            case FetchResult.HttpError error -> {
                recorder.response(error.info().status(), error.info().bytes());
                apply(retryPolicy.decide(error), request, Optional.of(error.info()));
            }
            case FetchResult.Error error ->
                    apply(retryPolicy.decide(error), request, Optional.empty());
            case FetchResult.Throttled throttled ->
                    apply(retryPolicy.decide(throttled), request, Optional.empty());
        }
    }

    private void onPage(FetchResult.Page page) {
        CrawlRequest request = page.request();
        ParsedPage parsed;
        try {
            parsed = parser.parse(page.body(), page.charset(), page.info().finalUrl());
        } catch (RuntimeException e) {
            LOG.info("Cannot parse {}: {}", request.url(), e.toString());
            recorder.finish(
                    new CrawlResult.Failed(request, Optional.of(page.info()), "parse error: " + e));
            return;
        }
        // Links go to the frontier before this page is final, so the outstanding count never
        // touches zero while there is still work to discover.
        for (String link : parsed.links()) {
            frontier.offer(link, request);
        }
        LOG.debug("Fetched {} ({} links)", request.url(), parsed.links().size());
        recorder.finish(new CrawlResult.Fetched(request, page.info(), parsed, page.truncated()));
    }

    private void apply(
            RetryPolicy.Verdict verdict, CrawlRequest request, Optional<ResponseInfo> info) {
        switch (verdict) {
            case RetryPolicy.Retry retry -> {
                recorder.retried();
                if (!frontier.retry(retry.next(), retry.delay())) {
                    recorder.cancelled(retry.next());
                }
            }
            case RetryPolicy.GiveUp giveUp -> {
                LOG.info("Failed {}: {}", request.url(), giveUp.reason());
                recorder.finish(new CrawlResult.Failed(request, info, giveUp.reason()));
            }
        }
    }
}
