/**
 * The engine that runs one crawl, behind {@link dev.crawler.Crawler}: {@link
 * dev.crawler.engine.CrawlRun} starts a producer per seed source, the task mover (frontier to the
 * bounded queue, {@code HandOff}) and the fetchers on virtual threads, waits for the frontier to go
 * idle or for a cancel, and winds everything down in order. A fetcher ({@code FetchWorker}) takes
 * work, fetches, and hands the page to {@code PageStep} (parse once, extract, links to the
 * frontier) or {@code SitemapStep}; {@code ResultRecorder} is the one way a URL becomes final.
 * Fetchers never put into the queue they take from. Only {@code CrawlRun} is public, for the
 * façade; no user code calls it.
 */
@NullMarked
package dev.crawler.engine;

import org.jspecify.annotations.NullMarked;
