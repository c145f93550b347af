package dev.crawler;

import dev.crawler.config.CrawlConfig;
import dev.crawler.engine.LoginStep;
import dev.crawler.fetch.AddressGuard;
import dev.crawler.fetch.Fetcher;
import dev.crawler.fetch.HopGuard;
import dev.crawler.fetch.RateLimitedFetcher;
import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.LocalFrontier;
import dev.crawler.frontier.SharedFrontier;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link Crawler} is put together from its configuration: which frontier, the SSRF guard on
 * redirect hops, the global rate limit, the login before the crawl. Stateless.
 */
final class CrawlWiring {
    /**
     * How long a fetcher waits for a rate-limit permit. The limiter is global, so a fetcher has
     * nothing better to do than wait; the bound only guards against a stuck limiter.
     */
    private static final Duration PERMIT_TIMEOUT = Duration.ofHours(1);

    private CrawlWiring() {}

    /** The shared frontier the configuration names, connected; empty for an embedded one. */
    static Optional<SharedFrontier> shared(CrawlConfig config, Optional<CrawlState> state) {
        if (!config.sharedFrontier()) {
            return Optional.empty();
        }
        if (state.isPresent()) {
            throw new IllegalStateException(
                    "a crawl state and a shared frontier exclude each other: the shared"
                            + " frontier keeps its state in Redis");
        }
        return Optional.of(SharedFrontier.connect(config));
    }

    /** The shared frontier, or an embedded one in memory or in {@code state}. */
    static Frontier frontier(
            CrawlConfig config, Optional<SharedFrontier> shared, Optional<CrawlState> state) {
        if (shared.isPresent()) {
            return shared.get();
        }
        return state.isPresent()
                ? new LocalFrontier(config, state.get())
                : new LocalFrontier(config);
    }

    /** The SSRF guard on every redirect hop a fetch follows itself (robots.txt), but the seeds'. */
    static HopGuard hopGuard(CrawlConfig config, Frontier frontier) {
        if (!config.scope().ssrfGuard()) {
            return HopGuard.NONE;
        }
        AddressGuard guard = new AddressGuard();
        return next ->
                frontier.isSeedOrigin(next)
                        ? Optional.empty()
                        : guard.check(next) instanceof AddressGuard.Blocked blocked
                                ? Optional.of(blocked.reason())
                                : Optional.empty();
    }

    /** {@code http} under the global rate limit: this process's, or the shared crawl's. */
    static Fetcher rateLimited(CrawlConfig config, Fetcher http, Optional<SharedFrontier> shared) {
        if (!config.rateLimited()) {
            return http;
        }
        double rate = config.engine().maxRequestsPerSecond();
        return shared.map(redis -> new RateLimitedFetcher(http, redis.sharedRateLimit(rate)))
                .orElseGet(() -> new RateLimitedFetcher(http, rate, PERMIT_TIMEOUT));
    }

    /**
     * Runs the configured login, if any, before any page: what it sets goes with every request.
     *
     * @throws CrawlFailedException when the login fails
     */
    static void login(CrawlConfig config, Fetcher fetcher) throws InterruptedException {
        if (config.requests().login().isEmpty()) {
            return;
        }
        Optional<String> failed =
                LoginStep.run(
                        config.requests().login().get(),
                        fetcher,
                        config.fetch().maxBodySize(),
                        config.fetch().maxRedirects());
        if (failed.isPresent()) {
            throw new CrawlFailedException(
                    CrawlSummary.notStarted("login failed: " + failed.get()));
        }
    }

    /** Whether {@code hostName} is the shared frontier's Redis (the SSRF guard exempts it). */
    static boolean isRedisHost(CrawlConfig config, String hostName) {
        return config.shared()
                .map(s -> java.net.URI.create(s.url()).getHost())
                .filter(hostName::equalsIgnoreCase)
                .isPresent();
    }
}
