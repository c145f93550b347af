package dev.crawler.request;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How an admitted URL ended, as the ledger keeps it. Immutable.
 *
 * @param outcome the final state
 * @param status the HTTP status of the last response, or 0 when there was none
 * @param detail why it failed or was skipped; empty when fetched
 * @param validators the response's cache validators, for a later conditional recrawl
 * @param facts what the page was, for the record of a recrawl that finds it unchanged
 */
public record Completion(
        Outcome outcome,
        int status,
        String detail,
        Validators validators,
        Optional<PageFacts> facts) {

    /** Validates the fields. */
    public Completion {
        requireNonNull(outcome, "outcome");
        requireNonNull(detail, "detail");
        requireNonNull(validators, "validators");
        requireNonNull(facts, "facts");
    }

    /** A completion without page facts. */
    public Completion(Outcome outcome, int status, String detail, Validators validators) {
        this(outcome, status, detail, validators, Optional.empty());
    }

    /** An outcome without a response. */
    public static Completion of(Outcome outcome, String detail) {
        return new Completion(outcome, 0, detail, Validators.NONE);
    }

    /**
     * A response's {@code ETag} and {@code Last-Modified}, sent back as {@code If-None-Match} and
     * {@code If-Modified-Since} when the page is fetched again.
     *
     * @param etag the entity tag, verbatim
     * @param lastModified the {@code Last-Modified} date, verbatim
     */
    public record Validators(Optional<String> etag, Optional<String> lastModified) {
        /** No validators. */
        public static final Validators NONE = new Validators(Optional.empty(), Optional.empty());

        /** Validates the fields. */
        public Validators {
            requireNonNull(etag, "etag");
            requireNonNull(lastModified, "lastModified");
        }

        /** Whether there is anything to send. */
        public boolean isEmpty() {
            return etag.isEmpty() && lastModified.isEmpty();
        }
    }
}
