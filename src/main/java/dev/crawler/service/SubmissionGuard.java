package dev.crawler.service;

import dev.crawler.fetch.AddressGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The SSRF guard for service submissions: a submitted URL is a seed, and seeds are exempt from the
 * guard in a crawl, so the service checks them itself before admission. Stateless apart from the
 * guard: thread-safe; may block on DNS.
 */
final class SubmissionGuard {
    private final Optional<AddressGuard> guard;

    /** With {@code allowInternal}, every URL passes (the operator's choice). */
    SubmissionGuard(boolean allowInternal) {
        this.guard = allowInternal ? Optional.empty() : Optional.of(new AddressGuard());
    }

    /**
     * Why a submitted URL must not be crawled: it is on an internal address (unless the operator
     * allows internal targets). A URL that does not parse or resolve is left to the frontier, which
     * rejects or retries it as it would any seed.
     */
    Optional<String> refuse(String url) {
        if (guard.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null) {
            return Optional.empty();
        }
        return guard.get().check(uri) instanceof AddressGuard.Blocked b
                ? Optional.of("blocked address: " + b.reason())
                : Optional.empty();
    }
}
