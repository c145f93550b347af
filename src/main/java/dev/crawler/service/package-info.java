/**
 * The crawl service: a crawler that keeps running and takes submissions over HTTP, with
 * per-submission extraction rules and item streams.
 */
@NullMarked
package dev.crawler.service;

import org.jspecify.annotations.NullMarked;
