/**
 * The immutable {@link dev.crawler.config.CrawlConfig} with its builder, the YAML reader of {@code
 * --config} files, and the parsing of durations and sizes.
 */
@NullMarked
package dev.crawler.config;

import org.jspecify.annotations.NullMarked;
