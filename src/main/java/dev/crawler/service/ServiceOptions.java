package dev.crawler.service;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How a {@link CrawlService} is reached and stopped. Immutable.
 *
 * @param address where the API listens (loopback by default: the API has no authentication)
 * @param allowShutdown whether {@code POST /shutdown} is accepted
 * @param drainTimeout how long a graceful stop lets queued work finish before cancelling the rest
 * @param maxBodyBytes the largest request body accepted
 * @param maxUrlsPerSubmission the most URLs in one {@code POST /crawl}
 */
public record ServiceOptions(
        InetSocketAddress address,
        boolean allowShutdown,
        Duration drainTimeout,
        int maxBodyBytes,
        int maxUrlsPerSubmission) {

    /** Validates the fields. */
    public ServiceOptions {
        requireNonNull(address, "address");
        requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) throw new IllegalArgumentException("negative drainTimeout");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes < 1");
        if (maxUrlsPerSubmission < 1)
            throw new IllegalArgumentException("maxUrlsPerSubmission < 1");
    }

    /** On 127.0.0.1 at {@code port} (0 picks a free one), no remote shutdown, a 30 s drain. */
    public static ServiceOptions loopback(int port) {
        return new ServiceOptions(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                false,
                Duration.ofSeconds(30),
                1 << 20,
                10_000);
    }

    /** The same with {@code POST /shutdown} accepted or not. */
    public ServiceOptions withShutdown(boolean allowed) {
        return new ServiceOptions(
                address, allowed, drainTimeout, maxBodyBytes, maxUrlsPerSubmission);
    }

    /** The same with another drain timeout. */
    public ServiceOptions withDrainTimeout(Duration timeout) {
        return new ServiceOptions(
                address, allowShutdown, timeout, maxBodyBytes, maxUrlsPerSubmission);
    }
}
