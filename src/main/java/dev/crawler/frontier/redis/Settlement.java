package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.RequestCodec;
import dev.crawler.frontier.RobotsOutcome;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the end of a leased URL's fetch is told to Redis: the host's hold and delay learned from the
 * answer go with the URL's completion or retry, in the same script (one round trip less per page);
 * a robots.txt outcome frees the slot its fetch took and puts back the URLs that waited for it.
 *
 * <p>Thread-safe: the leases are concurrent and the host states locked; Redis does the rest.
 */
final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private final CrawlConfig config;
    private final Scripts scripts;
    private final Leases leases;
    private final HostStates hosts;
    private final ClaimLoop claims;
    private final BooleanSupplier offline;

    Settlement(
            CrawlConfig config,
            Scripts scripts,
            Leases leases,
            HostStates hosts,
            ClaimLoop claims,
            BooleanSupplier offline) {
        this.config = config;
        this.scripts = scripts;
        this.leases = leases;
        this.hosts = hosts;
        this.claims = claims;
        this.offline = offline;
    }

    /** Learns from the fetch's answer now; Redis hears of it with the completion or retry. */
    void release(CrawlRequest request, HostFeedback feedback) {
        String url = request.key();
        Optional<Leases.Lease> lease = leases.get(url);
        if (lease.isEmpty()) {
            return;
        }
        Leases.Hold hold =
                hosts.apply(
                        lease.get().host(),
                        host -> {
                            long holdNanos =
                                    host.delay.update(
                                            feedback, host.maxConcurrency, System.nanoTime());
                            return new Leases.Hold(
                                    TimeUnit.NANOSECONDS.toMillis(holdNanos),
                                    TimeUnit.NANOSECONDS.toMillis(host.delay.currentNanos()),
                                    concurrencyArg(host.maxConcurrency));
                        });
        leases.hold(url, hold);
    }

    /** Sends the URL back to its queue to be tried after {@code delay}; false once closed. */
    boolean retry(CrawlRequest request, Duration delay) {
        if (claims.closed()) {
            return false; // the lease goes back to the queue when the frontier closes
        }
        leases.remove(request.key())
                .ifPresent(
                        lease -> {
                            List<String> args = new ArrayList<>(6);
                            args.add(lease.id());
                            args.add(String.valueOf(Math.max(0, delay.toMillis())));
                            args.add(RequestCodec.encode(request));
                            args.addAll(lease.holdArgs());
                            scripts.call("retry", args);
                        });
        return true;
    }

    /** Records the URL's final state in the shared ledger. */
    void complete(CrawlRequest request, Completion completion) {
        String url = request.key();
        Optional<Leases.Lease> held = leases.remove(url);
        if (held.isEmpty()) {
            LOG.warn("Completed {} without a lease", url);
            return;
        }
        String field =
                switch (completion.outcome()) {
                    case FETCHED -> "fetched";
                    case FAILED -> "failed";
                    case SKIPPED -> "skipped";
                };
        List<String> args = new ArrayList<>(7);
        args.addAll(List.of(held.get().id(), field, url, completion.detail()));
        args.addAll(held.get().holdArgs());
        long left = (Long) scripts.call("finish", args);
        if (left < 0) {
            LOG.warn("The lease on {} had expired: the copy put back will complete it", url);
        } else if (left == 0) {
            claims.signal();
        }
    }

    /**
     * Takes a host's robots.txt outcome in, offers the sitemaps it names to {@code offer} (as found
     * by a request that waited, for its depth, depth limit and group), then puts back the URLs that
     * waited for it.
     */
    void robotsResolved(
            String hostKey,
            RobotsOutcome outcome,
            HostFeedback feedback,
            BiConsumer<String, CrawlRequest> offer) {
        HostState.Resolved resolved =
                hosts.apply(hostKey, h -> h.resolve(outcome, feedback, config, System.nanoTime()));
        // The sitemaps are offered before the URLs that waited go back: once those may be claimed
        // and finished, a crawl with nothing else outstanding would end without the sitemaps.
        CrawlRequest from =
                resolved.waiting().isEmpty()
                        ? CrawlRequest.seed(resolved.robotsUrl())
                        : resolved.waiting().get(0).robotsOrigin(resolved.robotsUrl());
        try {
            for (String sitemap : resolved.sitemaps()) {
                offer.accept(sitemap, from);
            }
        } finally {
            putBack(resolved);
        }
    }

    private void putBack(HostState.Resolved resolved) {
        List<String> ids = leases.removeAll(resolved.waiting());
        if (!ids.isEmpty() && !offline.getAsBoolean()) {
            // The first claim's slot carried the robots.txt fetch; then every claim goes back.
            scripts.call(
                    "release",
                    ids.get(0),
                    String.valueOf(TimeUnit.NANOSECONDS.toMillis(resolved.holdNanos())),
                    String.valueOf(TimeUnit.NANOSECONDS.toMillis(resolved.delayNanos())),
                    String.valueOf(concurrencyArg(resolved.maxConcurrency())));
            claims.signal();
            unclaim(ids);
        }
    }

    /** Puts these leased URLs back at the head of their queues, for any process. */
    void unclaim(List<String> leaseIds) {
        List<String> args = new ArrayList<>(leaseIds.size() + 1);
        args.add("0");
        args.addAll(leaseIds);
        scripts.call("unclaim", args);
        claims.signal();
    }

    /** A host's concurrency as the scripts take it: 0 when it is the configured one. */
    private int concurrencyArg(int maxConcurrency) {
        return maxConcurrency == config.politeness().hostConcurrency() ? 0 : maxConcurrency;
    }
}
