/**
 * The data every stage shares about a request and its end: {@link dev.crawler.request.CrawlRequest}
 * (a URL to fetch, how it was found, its depth, attempt, label, headers and body), {@link
 * dev.crawler.request.Via} and {@link dev.crawler.request.LinkTag} (how links are followed), and
 * {@link dev.crawler.request.Completion}, {@link dev.crawler.request.Outcome} and {@link
 * dev.crawler.request.PageFacts} (how a request ended). Immutable records: the frontier, the
 * fetcher and the sinks use them without depending on each other.
 */
@NullMarked
package dev.crawler.request;

import org.jspecify.annotations.NullMarked;
