/**
 * Scraping: {@link dev.crawler.extract.PageHandler}s see each fetched HTML page once as a {@link
 * dev.crawler.extract.Page} (the document the crawler parsed), emit items and follow links; a
 * {@link dev.crawler.extract.Router} picks a page's handler by label, URL or default; {@link
 * dev.crawler.extract.Rules} compiles a YAML rule file into such a handler, refusing bad rules
 * before any request. Handlers run on the fetcher threads.
 */
@NullMarked
package dev.crawler.extract;

import org.jspecify.annotations.NullMarked;
