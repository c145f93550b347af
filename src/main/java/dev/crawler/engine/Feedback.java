package dev.crawler.engine;

import dev.crawler.fetch.FetchError;
import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.politeness.HostFeedback;
import java.time.Duration;
import java.util.Optional;

/**
 * What a fetch's result tells its host's politeness: an answer (status, latency, Retry-After), no
 * answer (and whether the connection itself failed: evidence about the host), or nothing sent.
 * Stateless.
 */
final class Feedback {
    private Feedback() {}

    /** The feedback of {@code result}. */
    static HostFeedback of(FetchResult result) {
        return switch (result) {
            case FetchResult.Page p -> answered(p.info(), Optional.empty());
            case FetchResult.NotHtml n -> answered(n.info(), Optional.empty());
            case FetchResult.NotModified n -> answered(n.info(), Optional.empty());
            case FetchResult.Redirect r -> answered(r.info(), Optional.empty());
            case FetchResult.HttpError e -> answered(e.info(), e.retryAfter());
            case FetchResult.Error e ->
                    new HostFeedback.NoAnswer(
                            e.elapsed(),
                            e.kind() == FetchError.CONNECT
                                    || e.kind() == FetchError.CONNECT_TIMEOUT,
                            e.request().url().toString());
            case FetchResult.Throttled t -> new HostFeedback.NotSent();
        };
    }

    private static HostFeedback answered(ResponseInfo info, Optional<Duration> retryAfter) {
        return new HostFeedback.Answered(info.status(), info.elapsed(), retryAfter);
    }
}
