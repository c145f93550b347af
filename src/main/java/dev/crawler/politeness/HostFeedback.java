package dev.crawler.politeness;

import java.time.Duration;
import java.util.Optional;

/** What one request told us about its host's health; feeds the host's adaptive delay. */
public sealed interface HostFeedback {
    /** The host answered with {@code status} after {@code latency}. */
    record Answered(int status, Duration latency, Optional<Duration> retryAfter)
            implements HostFeedback {}

    /** The host did not answer: timeout, refused or broken connection. */
    record NoAnswer(Duration elapsed) implements HostFeedback {}

    /** No request reached the host (throttled, cancelled). */
    record NotSent() implements HostFeedback {}
}
