package dev.crawler.service;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link CrawlService} is reached, guarded and stopped. Immutable.
 *
 * @param address where the API listens (loopback by default)
 * @param allowShutdown whether {@code POST /shutdown} is accepted
 * @param drainTimeout how long a graceful stop lets queued work finish before cancelling the rest
 * @param maxBodyBytes the largest request body accepted
 * @param maxUrlsPerSubmission the most URLs in one {@code POST /crawl}
 * @param allowInternal whether submitted URLs may be on internal addresses (loopback, private,
 *     link-local: the cloud metadata service); off by default, so that a caller cannot make the
 *     service fetch what only it can reach
 * @param token the bearer token every request but {@code GET /health} must carry ({@code
 *     Authorization: Bearer TOKEN}); required when the address is not loopback
 * @param maxConcurrentRequests the most API requests handled at once; more are answered 503
 * @param maxTrackedSubmissions the most submissions whose state (and items) the service keeps; past
 *     it the oldest finished one is forgotten (default 10,000)
 */
public record ServiceOptions(
        InetSocketAddress address,
        boolean allowShutdown,
        Duration drainTimeout,
        int maxBodyBytes,
        int maxUrlsPerSubmission,
        boolean allowInternal,
        Optional<String> token,
        int maxConcurrentRequests,
        int maxTrackedSubmissions) {

    /** Validates the fields; a non-loopback address without a token is refused. */
    public ServiceOptions {
        requireNonNull(address, "address");
        requireNonNull(drainTimeout, "drainTimeout");
        requireNonNull(token, "token");
        if (drainTimeout.isNegative()) throw new IllegalArgumentException("negative drainTimeout");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes < 1");
        if (maxUrlsPerSubmission < 1)
            throw new IllegalArgumentException("maxUrlsPerSubmission < 1");
        if (maxConcurrentRequests < 1)
            throw new IllegalArgumentException("maxConcurrentRequests < 1");
        if (maxTrackedSubmissions < 1)
            throw new IllegalArgumentException("maxTrackedSubmissions < 1");
        if (token.isPresent() && token.get().length() < 16) {
            throw new IllegalArgumentException("the service token must be at least 16 characters");
        }
        if (token.isEmpty() && !isLoopback(address)) {
            throw new IllegalArgumentException(
                    "the service listens on "
                            + address.getHostString()
                            + ", not on loopback: give it a token (--token-file FILE or the"
                            + " CRAWLER_TOKEN environment variable)");
        }
    }

    /** On 127.0.0.1 at {@code port} (0 picks a free one), no remote shutdown, a 30 s drain. */
    public static ServiceOptions loopback(int port) {
        return new ServiceOptions(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                false,
                Duration.ofSeconds(30),
                1 << 20,
                10_000,
                false,
                Optional.empty(),
                64,
                10_000);
    }

    /** Whether {@code address} is a loopback address (the wildcard address is not). */
    static boolean isLoopback(InetSocketAddress address) {
        return address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    /** The same with {@code POST /shutdown} accepted or not. */
    public ServiceOptions withShutdown(boolean allowed) {
        return new ServiceOptions(
                address,
                allowed,
                drainTimeout,
                maxBodyBytes,
                maxUrlsPerSubmission,
                allowInternal,
                token,
                maxConcurrentRequests,
                maxTrackedSubmissions);
    }

    /** The same with another drain timeout. */
    public ServiceOptions withDrainTimeout(Duration timeout) {
        return new ServiceOptions(
                address,
                allowShutdown,
                timeout,
                maxBodyBytes,
                maxUrlsPerSubmission,
                allowInternal,
                token,
                maxConcurrentRequests,
                maxTrackedSubmissions);
    }

    /** The same with submissions on internal addresses allowed or not. */
    public ServiceOptions withAllowInternal(boolean allowed) {
        return new ServiceOptions(
                address,
                allowShutdown,
                drainTimeout,
                maxBodyBytes,
                maxUrlsPerSubmission,
                allowed,
                token,
                maxConcurrentRequests,
                maxTrackedSubmissions);
    }

    /** The same with a bearer token required. */
    public ServiceOptions withToken(String value) {
        return new ServiceOptions(
                address,
                allowShutdown,
                drainTimeout,
                maxBodyBytes,
                maxUrlsPerSubmission,
                allowInternal,
                Optional.of(value),
                maxConcurrentRequests,
                maxTrackedSubmissions);
    }

    /** The same keeping at most {@code max} submissions. */
    public ServiceOptions withMaxTrackedSubmissions(int max) {
        return new ServiceOptions(
                address,
                allowShutdown,
                drainTimeout,
                maxBodyBytes,
                maxUrlsPerSubmission,
                allowInternal,
                token,
                maxConcurrentRequests,
                max);
    }

    /** The same at another address (a token is needed off loopback). */
    public ServiceOptions withAddress(InetSocketAddress value) {
        return new ServiceOptions(
                value,
                allowShutdown,
                drainTimeout,
                maxBodyBytes,
                maxUrlsPerSubmission,
                allowInternal,
                token,
                maxConcurrentRequests,
                maxTrackedSubmissions);
    }
}
