/**
 * A test kit for crawls: {@link dev.crawler.testing.CrawlTester} runs a crawl with fast test
 * settings against a local server (WireMock or any other) and returns a {@link
 * dev.crawler.testing.TestCrawl} to assert on (records by path, items by type, the ledger); {@link
 * dev.crawler.testing.ReplaySite} serves saved pages (a folder or a WARC file) as a site on
 * loopback; {@link dev.crawler.testing.LocalRedis} starts a throw-away {@code redis-server} to test
 * a crawl whose frontier is shared. No test framework is required: assertions throw {@link
 * AssertionError}.
 */
@NullMarked
package dev.crawler.testing;

import org.jspecify.annotations.NullMarked;
