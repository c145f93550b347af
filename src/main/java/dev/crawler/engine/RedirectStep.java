package dev.crawler.engine;

import dev.crawler.fetch.FetchResult;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.Frontier;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Via;
import dev.crawler.sink.CrawlResult;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a fetcher does with a redirect: the hop ends its URL as skipped, and its target is offered
 * to the frontier as a URL of its own (normalized, scoped, deduplicated, guarded, polite), up to
 * {@code max-redirects} hops. One instance per fetcher, on the fetcher's thread.
 */
final class RedirectStep {
    private final Frontier frontier;
    private final Consumer<CrawlResult> finish;
    private final int maxRedirects;

    /**
     * @param finish makes the redirecting URL final (the fetcher's one way to do so)
     */
    RedirectStep(Frontier frontier, Consumer<CrawlResult> finish, int maxRedirects) {
        this.frontier = frontier;
        this.finish = finish;
        this.maxRedirects = maxRedirects;
    }

    void handle(FetchResult.Redirect redirect) {
        CrawlRequest request = redirect.request();
        String hop = "redirected (" + redirect.info().status() + ") to " + redirect.location();
        if (request.redirects() >= maxRedirects) {
            finish.accept(
                    new CrawlResult.Failed(
                            request,
                            Optional.of(redirect.info()),
                            "too many redirects (more than " + maxRedirects + "): " + hop));
            return;
        }
        // 307 and 308 keep a POST's method and body; the others are followed with a GET
        Via via =
                redirect.info().status() == 307 || redirect.info().status() == 308
                        ? Via.REDIRECT_SAME_METHOD
                        : Via.REDIRECT;
        String reason =
                switch (frontier.offer(redirect.location(), request, via)) {
                    case Admission.Admitted a -> hop;
                    case Admission.Rejected r -> hop + ", not followed: " + r.reason().label();
                };
        finish.accept(new CrawlResult.Skipped(request, Optional.of(redirect.info()), reason));
    }
}
