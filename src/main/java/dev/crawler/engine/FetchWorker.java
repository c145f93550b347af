package dev.crawler.engine;

import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.AddressGuard;
import dev.crawler.fetch.ByteBudget;
import dev.crawler.fetch.FetchError;
import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.FetchSpec;
import dev.crawler.fetch.Fetcher;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.fetch.RetryPolicy;
import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.FrontierUnavailableException;
import dev.crawler.frontier.RobotsOutcome;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.request.CrawlRequest;
import dev.crawler.sink.CrawlResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fetcher: takes work from the bounded queue until told to stop, fetches, parses, records the
 * result, and hands links, redirects and retries to the frontier, which never blocks. It never puts
 * into the queue it takes from, so it cannot deadlock against other fetchers on a full queue.
 *
 * <p>Runs on its own virtual thread; the objects it shares (queue, frontier, fetcher, recorder) are
 * thread-safe.
 */
final class FetchWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FetchWorker.class);

    private final HandOff queue;
    private final Frontier frontier;
    private final Fetcher fetcher;
    private final PageStep pages;
    private final SitemapStep sitemaps;
    private final RedirectStep redirects;
    private final RobotsFetch robots;
    private final RetryPolicy retryPolicy;
    private final ResultRecorder recorder;
    private final AtomicInteger inFlight;
    private final BooleanSupplier stopping;

    private final FetchSpec pageSpec;
    private final FetchSpec sitemapSpec;
    private final Optional<AddressGuard> guard;
    private final ByteBudget budget;

    /** Whether the current work item's URL is final (or waits for its retry); this thread only. */
    private boolean settled;

    /** Whether the current work item's host slot was freed; this thread only. */
    private boolean released;

    FetchWorker(CrawlConfig config, Crew crew) {
        this.budget = crew.budget();
        this.queue = crew.queue();
        this.frontier = crew.frontier();
        this.fetcher = crew.fetcher();
        this.pages = new PageStep(config.engine().memoryBudget(), crew, this::finish);
        this.guard =
                config.scope().ssrfGuard() ? Optional.of(new AddressGuard()) : Optional.empty();
        this.robots = new RobotsFetch(config, fetcher, frontier, guard);
        this.retryPolicy = new RetryPolicy(config);
        this.recorder = crew.recorder();
        this.inFlight = crew.inFlight();
        this.stopping = crew.stopping();
        this.pageSpec = FetchSpec.page(config.fetch().maxBodySize());
        this.sitemapSpec = FetchSpec.sitemap(config.politeness().maxSitemapSize());
        this.redirects = new RedirectStep(frontier, this::finish, config.fetch().maxRedirects());
        this.sitemaps =
                new SitemapStep(
                        frontier,
                        this::finish,
                        sitemapSpec.maxBytes(),
                        config.fetch().maxCompressionRatio());
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
            settled = false;
            released = false;
            try {
                switch (work) {
                    case Work.Stop stop -> {
                        return;
                    }
                    case Work.Robots r -> robots.fetch(r.hostKey(), r.robotsUrl(), stopping);
                    case Work.Fetch(CrawlRequest request) -> {
                        if (stopping.getAsBoolean()) {
                            release(request, new HostFeedback.NotSent());
                            cancelled(request);
                        } else {
                            process(request);
                        }
                    }
                }
            } catch (InterruptedException e) {
                if (work instanceof Work.Fetch(CrawlRequest request)) {
                    cancelled(request);
                }
                return;
            } catch (FrontierUnavailableException e) {
                recorder.fail(e.getMessage()); // what is not final stays in the frontier's store
                return;
            } catch (VirtualMachineError e) {
                // out of memory (or worse): going on is pointless; the URL still ends failed
                recorder.failed(Thread.currentThread(), e);
                recover(work, e);
            } catch (RuntimeException | Error e) {
                recover(work, e);
            }
        }
    }

    /**
     * A bug or an unexpected exception while handling {@code work}: its URL still ends in exactly
     * one final state (failed, with the exception), its host slot is freed, and this fetcher goes
     * on with the next work item. A robots.txt fetch that failed so counts as unavailable (tried
     * again later).
     */
    private void recover(Work work, Throwable e) {
        switch (work) {
            case Work.Fetch(CrawlRequest request) -> {
                LOG.error("Fetcher failed on {}; recording it as failed", request.url(), e);
                if (!released) {
                    release(request, new HostFeedback.NotSent());
                }
                if (!settled) {
                    finish(
                            new CrawlResult.Failed(
                                    request, Optional.empty(), "internal error: " + e));
                }
            }
            case Work.Robots r -> {
                LOG.error("Fetching {} failed", r.robotsUrl(), e);
                frontier.robotsResolved(
                        r.hostKey(),
                        new RobotsOutcome.Unavailable("internal error: " + e),
                        new HostFeedback.NotSent());
            }
            case Work.Stop stop -> {
                // nothing in hand
            }
        }
    }

    /** The one way this fetcher makes its current URL final. */
    private void finish(CrawlResult result) {
        settled = true; // before: if recording throws, the URL must not be recorded twice
        recorder.finish(result);
    }

    private void cancelled(CrawlRequest request) {
        settled = true;
        recorder.cancelled(request);
    }

    private void release(CrawlRequest request, HostFeedback feedback) {
        released = true;
        frontier.release(request, feedback);
    }

    /**
     * The SSRF guard, for hosts other than the seeds': a refused host fails its URL at once, an
     * unresolvable one is retried like any connection failure.
     *
     * @return whether the fetch may go ahead
     */
    private boolean passesGuard(CrawlRequest request) {
        if (guard.isEmpty() || frontier.isSeedOrigin(request.url())) {
            return true;
        }
        switch (guard.get().check(request.url())) {
            case AddressGuard.Allowed allowed -> {
                return true;
            }
            case AddressGuard.Blocked blocked -> {
                release(request, new HostFeedback.NotSent());
                finish(
                        new CrawlResult.Failed(
                                request, Optional.empty(), "blocked address: " + blocked.reason()));
                return false;
            }
            case AddressGuard.Unresolvable unresolvable -> {
                release(request, new HostFeedback.NotSent());
                apply(
                        retryPolicy.decide(
                                new FetchResult.Error(
                                        request,
                                        FetchError.UNKNOWN_HOST,
                                        unresolvable.reason(),
                                        Duration.ZERO)),
                        request,
                        Optional.empty());
                return false;
            }
        }
    }

    private void process(CrawlRequest request) throws InterruptedException {
        if (!passesGuard(request)) {
            return;
        }
        // what the fetch and its page hold (body, document) counts against the crawl's budget
        // until the page is final
        try (ByteBudget.Lease lease = budget.open()) {
            process(request, lease);
        }
    }

    private void process(CrawlRequest request, ByteBudget.Lease lease) throws InterruptedException {
        FetchResult result;
        inFlight.incrementAndGet();
        try {
            FetchSpec spec = request.kind() == CrawlRequest.Kind.SITEMAP ? sitemapSpec : pageSpec;
            result = fetcher.fetch(request, spec.withLease(lease));
        } catch (InterruptedException e) {
            release(request, new HostFeedback.NotSent());
            throw e;
        } finally {
            inFlight.decrementAndGet();
        }
        release(request, Feedback.of(result));
        switch (result) {
            case FetchResult.Page page -> {
                recorder.response(page.info().status(), page.info().bytes(), page.info().elapsed());
                if (request.kind() == CrawlRequest.Kind.SITEMAP) {
                    sitemaps.handle(page);
                } else {
                    pages.handle(page, lease);
                }
            }
            case FetchResult.NotModified same -> {
                recorder.response(same.info().status(), 0, same.info().elapsed());
                finish(
                        new CrawlResult.Unchanged(
                                request, same.info(), frontier.lastFetch(request.url())));
            }
            case FetchResult.NotHtml other -> {
                recorder.response(other.info().status(), 0, other.info().elapsed());
                finish(
                        new CrawlResult.Skipped(
                                request,
                                Optional.of(other.info()),
                                "not HTML: " + other.info().contentType()));
            }
            case FetchResult.Redirect redirect -> {
                recorder.response(redirect.info().status(), 0, redirect.info().elapsed());
                redirects.handle(redirect);
            }
            case FetchResult.HttpError error -> {
                recorder.response(
                        error.info().status(), error.info().bytes(), error.info().elapsed());
                apply(retryPolicy.decide(error), request, Optional.of(error.info()));
            }
            case FetchResult.Error error ->
                    apply(retryPolicy.decide(error), request, Optional.empty());
            case FetchResult.Throttled throttled ->
                    apply(retryPolicy.decide(throttled), request, Optional.empty());
        }
    }

    private void apply(
            RetryPolicy.Verdict verdict, CrawlRequest request, Optional<ResponseInfo> info) {
        switch (verdict) {
            case RetryPolicy.Retry retry -> {
                recorder.retried();
                settled = true; // outstanding still, waiting for its retry
                if (!frontier.retry(retry.next(), retry.delay())) {
                    cancelled(retry.next());
                }
            }
            case RetryPolicy.GiveUp giveUp -> {
                LOG.info("Failed {}: {}", request.url(), giveUp.reason());
                finish(new CrawlResult.Failed(request, info, giveUp.reason()));
            }
        }
    }
}
