package dev.crawler.fetch;

/**
 * Retires sessions when the user's handler says a page shows its session is blocked (a captcha, a
 * "too many requests" page served with 200). Implementations are thread-safe.
 */
@FunctionalInterface
public interface SessionControl {
    /** No sessions to retire. */
    SessionControl NONE = session -> {};

    /** Retires {@code session} if it is still in use; does nothing otherwise. */
    void retire(SessionRef session);
}
