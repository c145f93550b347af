package dev.crawler.frontier;

import dev.crawler.config.ScopeSettings;
import dev.crawler.url.Rejection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The page budgets of an embedded crawl: {@code max-pages} in all (every URL the crawl admitted, in
 * any run) and {@code max-pages-per-host}. Thread-safe: atomic counts, reserved before admission
 * and given back when an admission does not happen.
 */
final class PageBudget {
    private final long maxPages;
    private final long maxPagesPerHost;
    private final AtomicLong used = new AtomicLong();
    private final Map<String, AtomicLong> perHost = new ConcurrentHashMap<>();

    PageBudget(ScopeSettings scope) {
        this.maxPages = scope.maxPages() == 0 ? Long.MAX_VALUE : scope.maxPages();
        this.maxPagesPerHost =
                scope.maxPagesPerHost() == 0 ? Long.MAX_VALUE : scope.maxPagesPerHost();
    }

    /** A resumed crawl has used what its state admitted. */
    void resumed(long total) {
        used.set(total);
    }

    /** Whether reservations need the URL's host key (only the per-host budget does). */
    boolean perHost() {
        return maxPagesPerHost != Long.MAX_VALUE;
    }

    /** Counts a URL against the budgets; the reason when one is spent. */
    Optional<Rejection> reserve(String hostKey) {
        if (perHost()) {
            long hostBefore =
                    perHost.computeIfAbsent(hostKey, k -> new AtomicLong())
                            .getAndUpdate(n -> n < maxPagesPerHost ? n + 1 : n);
            if (hostBefore >= maxPagesPerHost) {
                return Optional.of(Rejection.HOST_BUDGET);
            }
        }
        long before = used.getAndUpdate(n -> n < maxPages ? n + 1 : n);
        if (before >= maxPages) {
            if (perHost()) {
                perHost.get(hostKey).decrementAndGet();
            }
            return Optional.of(Rejection.OVER_BUDGET);
        }
        return Optional.empty();
    }

    /** Gives back a reservation whose URL was not admitted after all. */
    void release(String hostKey) {
        used.decrementAndGet();
        if (perHost()) {
            perHost.get(hostKey).decrementAndGet();
        }
    }
}
