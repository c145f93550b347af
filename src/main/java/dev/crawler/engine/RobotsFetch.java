package dev.crawler.engine;

import dev.crawler.config.CrawlConfig;
import dev.crawler.fetch.AddressGuard;
import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.FetchSpec;
import dev.crawler.fetch.Fetcher;
import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.RobotsOutcome;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.politeness.RobotsParser;
import dev.crawler.politeness.RobotsRules;
import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Fetches one host's robots.txt for the frontier and reports what it means (RFC 9309, 2.3.1): 2xx
 * is parsed, 4xx (but 429) means allow all, 5xx, 429 and network failures mean unavailable (the
 * host's URLs wait and it is tried again later). Redirects are followed within the fetch. Stateless
 * apart from its collaborators, which are thread-safe.
 */
final class RobotsFetch {
    private final Fetcher fetcher;
    private final Frontier frontier;
    private final RobotsParser parser;
    private final Optional<AddressGuard> guard;

    RobotsFetch(
            CrawlConfig config, Fetcher fetcher, Frontier frontier, Optional<AddressGuard> guard) {
        this.fetcher = fetcher;
        this.frontier = frontier;
        this.parser = new RobotsParser(config.politeness().robotsAgent());
        this.guard = guard;
    }

    void fetch(String hostKey, URI robotsUrl, BooleanSupplier stopping)
            throws InterruptedException {
        if (stopping.getAsBoolean()) {
            frontier.robotsResolved(
                    hostKey,
                    new RobotsOutcome.Unavailable("cancelled"),
                    new HostFeedback.NotSent());
            return;
        }
        if (guard.isPresent() && !frontier.isSeedOrigin(robotsUrl)) {
            switch (guard.get().check(robotsUrl)) {
                case AddressGuard.Allowed allowed -> {
                    // go ahead
                }
                case AddressGuard.Blocked blocked -> {
                    // Send nothing; each of the host's URLs then fails at the guard with the
                    // reason.
                    frontier.robotsResolved(
                            hostKey,
                            new RobotsOutcome.Known(RobotsRules.allowAll()),
                            new HostFeedback.NotSent());
                    return;
                }
                case AddressGuard.Unresolvable unresolvable -> {
                    frontier.robotsResolved(
                            hostKey,
                            new RobotsOutcome.Unavailable(unresolvable.reason()),
                            new HostFeedback.NotSent());
                    return;
                }
            }
        }
        FetchResult result;
        try {
            result = fetcher.fetch(CrawlRequest.seed(robotsUrl), FetchSpec.robots());
        } catch (InterruptedException e) {
            frontier.robotsResolved(
                    hostKey,
                    new RobotsOutcome.Unavailable("cancelled"),
                    new HostFeedback.NotSent());
            throw e;
        }
        RobotsOutcome outcome =
                switch (result) {
                    case FetchResult.Page page ->
                            new RobotsOutcome.Known(
                                    parser.parse(
                                            page.info().finalUrl(),
                                            page.body(),
                                            page.info().contentType()));
                    case FetchResult.NotHtml n -> new RobotsOutcome.Known(RobotsRules.allowAll());
                    // robots.txt is never asked conditionally: a 304 cannot answer it
                    case FetchResult.NotModified n -> new RobotsOutcome.Unavailable("HTTP 304");
                    case FetchResult.Redirect r -> new RobotsOutcome.Known(RobotsRules.allowAll());
                    case FetchResult.HttpError e -> {
                        int status = e.info().status();
                        yield status >= 400 && status < 500 && status != 429
                                ? new RobotsOutcome.Known(RobotsRules.allowAll())
                                : new RobotsOutcome.Unavailable("HTTP " + status);
                    }
                    case FetchResult.Error e when !e.kind().isTransient() ->
                            // too many redirects, a bad Location: RFC 9309 says "unavailable",
                            // which, like a 4xx, allows everything
                            new RobotsOutcome.Known(RobotsRules.allowAll());
                    case FetchResult.Error e ->
                            new RobotsOutcome.Unavailable(
                                    e.kind().name().toLowerCase(java.util.Locale.ROOT)
                                            + ": "
                                            + e.message());
                    case FetchResult.Throttled t -> new RobotsOutcome.Unavailable("throttled");
                };
        frontier.robotsResolved(hostKey, outcome, Feedback.of(result));
    }
}
