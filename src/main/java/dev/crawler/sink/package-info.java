/**
 * Where results go: the final record of every URL ({@link dev.crawler.sink.CrawlSink}: JSON Lines,
 * WARC, bodies) and the scraped items beside them ({@link dev.crawler.sink.ItemSink}: JSON Lines,
 * CSV).
 */
@NullMarked
package dev.crawler.sink;

import org.jspecify.annotations.NullMarked;
