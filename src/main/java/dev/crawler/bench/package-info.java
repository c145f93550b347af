/**
 * Benchmarks behind {@code crawler bench}: the raw-fetch ceiling, the frontier and the rate limiter
 * alone, process statistics. Not part of the library's API.
 */
@NullMarked
package dev.crawler.bench;

import org.jspecify.annotations.NullMarked;
