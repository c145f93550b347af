package dev.crawler.fetch;

import dev.crawler.config.CrawlConfig;
import dev.crawler.config.RetrySettings;
import dev.crawler.request.CrawlRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides whether a failed fetch is tried again, and after how long: connection errors, timeouts,
 * 5xx and 429 are transient and retried with exponential backoff and jitter, never sooner than the
 * server's {@code Retry-After}, up to the maximum number of attempts. Other failures are final. A
 * throttled request is retried at once without using up an attempt. Stateless and thread-safe.
 */
public final class RetryPolicy {
    private final RetrySettings settings;
    private final int maxAttempts;
    private final Duration max;

    /** Reads attempts and delays from the configuration. */
    public RetryPolicy(CrawlConfig config) {
        this.settings = config.retry();
        this.maxAttempts = settings.maxAttempts();
        this.max = settings.retryMaxDelay();
    }

    /** What to do with a result that is not a success. */
    public sealed interface Verdict {}

    /** Try {@code next} again after {@code delay}. */
    public record Retry(CrawlRequest next, Duration delay) implements Verdict {}

    /** Final: record the failure with {@code reason}. */
    public record GiveUp(String reason) implements Verdict {}

    /** Decides for an {@link FetchResult.HttpError}. */
    public Verdict decide(FetchResult.HttpError e) {
        int status = e.info().status();
        String reason = "HTTP " + status;
        boolean transientStatus = status == 429 || status >= 500;
        return transientStatus
                ? retryOrGiveUp(e.request(), reason, e.retryAfter())
                : new GiveUp(reason);
    }

    /**
     * Decides for a {@link FetchResult.Error}. A URL that timed out gets at most {@value
     * #TIMEOUT_ATTEMPTS} tries, however many {@code max-attempts} allows: each costs a whole fetch
     * deadline, and a URL that hangs once usually hangs again.
     */
    public Verdict decide(FetchResult.Error e) {
        String reason = e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.message();
        if (!e.kind().isTransient()) {
            return new GiveUp(reason);
        }
        if (e.kind() == FetchError.TIMEOUT && e.request().attempt() >= TIMEOUT_ATTEMPTS) {
            return new GiveUp(reason + " (after " + e.request().attempt() + " attempts)");
        }
        return retryOrGiveUp(e.request(), reason, Optional.empty());
    }

    /** Most tries of a URL whose fetch timed out. */
    static final int TIMEOUT_ATTEMPTS = 2;

    /** A throttled request goes back at once and keeps its attempt count. */
    public Verdict decide(FetchResult.Throttled t) {
        return new Retry(t.request(), Duration.ZERO);
    }

    private Verdict retryOrGiveUp(
            CrawlRequest request, String reason, Optional<Duration> retryAfter) {
        if (request.attempt() >= maxAttempts) {
            return new GiveUp(reason + " (after " + request.attempt() + " attempts)");
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(max) > 0) {
            return new GiveUp(
                    reason
                            + " (Retry-After "
                            + retryAfter.get().toSeconds()
                            + "s exceeds retry-max-delay "
                            + max.toSeconds()
                            + "s)");
        }
        Duration delay = backoff(request.attempt());
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        return new Retry(request.nextAttempt(), delay);
    }

    /**
     * Exponential backoff with "equal jitter": between half and all of {@link
     * RetrySettings#backoff}.
     */
    Duration backoff(int attempt) {
        long ceiling = settings.backoff(attempt).toNanos();
        long half = ceiling / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
