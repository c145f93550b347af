package dev.crawler.fetch;

import java.net.URI;
import java.util.Optional;

/**
 * Vets each redirect hop that a fetch follows itself (robots.txt, which RFC 9309 lets redirect):
 * the SSRF guard applied to every hop, not only to the first URL. Page redirects are never followed
 * inside a fetch (each hop is a URL of its own, guarded like any link). Implementations are
 * thread-safe; they may block on DNS.
 */
@FunctionalInterface
public interface HopGuard {
    /** Lets every hop through. */
    HopGuard NONE = next -> Optional.empty();

    /**
     * Why the hop to {@code next} must not be followed, or empty when it may.
     *
     * @param next the absolute URL the previous hop redirected to
     */
    Optional<String> refuse(URI next);
}
