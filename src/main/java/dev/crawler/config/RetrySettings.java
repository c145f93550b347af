package dev.crawler.config;

import java.time.Duration;
import java.util.List;

/**
 * How failed fetches are tried again. Each component is the setting of the same name in {@code
 * config/crawler.yaml}; the constants below are their rows in the table of {@link Settings}.
 * Immutable.
 */
public record RetrySettings(int maxAttempts, Duration retryBaseDelay, Duration retryMaxDelay) {

    static final Setting<Integer> MAX_ATTEMPTS =
            Setting.of(
                    "max-attempts",
                    Kinds.integer(1, 100),
                    3,
                    c -> c.retry().maxAttempts(),
                    CrawlConfig.Builder::maxAttempts,
                    """
                    Tries per URL, the first included. Connection errors, timeouts, 5xx and 429 are \
                    retried.""");

    static final Setting<Duration> RETRY_BASE_DELAY =
            Setting.of(
                    "retry-base-delay",
                    Kinds.positive(),
                    Duration.ofSeconds(1),
                    c -> c.retry().retryBaseDelay(),
                    CrawlConfig.Builder::retryBaseDelay,
                    """
                    Backoff before the first retry; it doubles with each attempt, with jitter, and \
                    never comes sooner than the server's Retry-After.""");

    static final Setting<Duration> RETRY_MAX_DELAY =
            Setting.of(
                    "retry-max-delay",
                    Kinds.positive(),
                    Duration.ofSeconds(60),
                    c -> c.retry().retryMaxDelay(),
                    CrawlConfig.Builder::retryMaxDelay,
                    """
                    Longest backoff. A Retry-After longer than this fails the URL rather than \
                    waiting.""");

    /** This group's rows of the table, in the order of its components. */
    static final List<Setting<?>> SETTINGS =
            List.of(MAX_ATTEMPTS, RETRY_BASE_DELAY, RETRY_MAX_DELAY);

    /** Checks every value against its setting and normalizes it. */
    public RetrySettings {
        maxAttempts = MAX_ATTEMPTS.checked(maxAttempts);
        retryBaseDelay = RETRY_BASE_DELAY.checked(retryBaseDelay);
        retryMaxDelay = RETRY_MAX_DELAY.checked(retryMaxDelay);
        Units.requireAtLeast("retry-max-delay", retryMaxDelay, "retry-base-delay", retryBaseDelay);
    }

    /**
     * The longest wait before try {@code attempt + 1} of something that failed {@code attempt}
     * times: the base delay doubled with each try, at most the longest delay. Fetch retries wait a
     * jittered share of it; robots.txt retries all of it.
     */
    public Duration backoff(int attempt) {
        long ceiling = retryBaseDelay.toNanos();
        long max = retryMaxDelay.toNanos();
        for (int i = 1; i < attempt && ceiling < max; i++) {
            ceiling = ceiling > max / 2 ? max : ceiling * 2;
        }
        return Duration.ofNanos(Math.min(ceiling, max));
    }

    static RetrySettings from(CrawlConfig.Builder b) {
        return new RetrySettings(
                b.get(MAX_ATTEMPTS), b.get(RETRY_BASE_DELAY), b.get(RETRY_MAX_DELAY));
    }
}
