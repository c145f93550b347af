/**
 * Metrics of a crawl in Micrometer ({@link dev.crawler.metrics.CrawlMetrics}): counters of final
 * URLs, responses and bytes, fetch latency by host, gauges of the live state. Loaded only when a
 * {@code MeterRegistry} is given ({@code Crawler.Builder.metrics}); Micrometer is an optional
 * dependency.
 */
@NullMarked
package dev.crawler.metrics;

import org.jspecify.annotations.NullMarked;
