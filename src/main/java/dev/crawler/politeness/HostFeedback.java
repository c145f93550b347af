package dev.crawler.politeness;

import java.time.Duration;
import java.util.Optional;

/** What one request told us about its host's health; feeds the host's adaptive delay. */
public sealed interface HostFeedback {
    /** The host answered with {@code status} after {@code latency}. */
    record Answered(int status, Duration latency, Optional<Duration> retryAfter)
            implements HostFeedback {}

    /**
     * No answer came for {@code url}.
     *
     * @param connectFailed whether the connection itself failed (refused, or not opened in time):
     *     evidence about the host; a timeout or reset after connecting is evidence about the URL
     */
    record NoAnswer(Duration elapsed, boolean connectFailed, String url) implements HostFeedback {}

    /** No request reached the host (throttled, cancelled). */
    record NotSent() implements HostFeedback {}
}
