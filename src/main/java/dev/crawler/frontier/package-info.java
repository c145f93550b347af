/**
 * Which URL next: admission (normalization, scope, dedup, budgets), per-host queues and politeness
 * readiness, retries, the outstanding-work count that ends a crawl, the persistent store of a state
 * folder, and the {@link dev.crawler.request.CrawlRequest} that travels from seed to sink.
 */
@NullMarked
package dev.crawler.frontier;

import org.jspecify.annotations.NullMarked;
