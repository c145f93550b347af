package dev.crawler.frontier;

import java.io.Serial;

/**
 * The frontier's store cannot be reached (a shared frontier lost its Redis): the crawl cannot go
 * on, and stops with this as its error. Nothing is lost: what was not final stays in the store.
 */
public final class FrontierUnavailableException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    /** With the reason, and what the client said. */
    public FrontierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
