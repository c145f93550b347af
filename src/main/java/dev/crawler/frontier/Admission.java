package dev.crawler.frontier;

import dev.crawler.request.CrawlRequest;
import dev.crawler.url.Rejection;

/** Whether the frontier took a URL into the crawl. */
public sealed interface Admission {
    /** The URL entered the crawl and will end in exactly one final state. */
    record Admitted(CrawlRequest request) implements Admission {}

    /** The URL did not enter the crawl; it is counted under its reason and nothing more. */
    record Rejected(Rejection reason, String detail) implements Admission {}
}
