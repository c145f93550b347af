/**
 * The public face of the crawler: {@link dev.crawler.Crawler} and its builder (seeds, sinks, routes
 * and handlers, item sinks, a state folder), the {@link dev.crawler.CrawlSummary} of a finished
 * crawl and the live {@link dev.crawler.CrawlStats}. The run itself lives in {@code
 * dev.crawler.engine}.
 */
@NullMarked
package dev.crawler;

import org.jspecify.annotations.NullMarked;
