/**
 * Fetching: the {@code HttpClient} fetcher with its total deadline, capped and decoded bodies,
 * redirects as hops, the rate-limited decorator, the SSRF guard, the retry policy and the sealed
 * {@link dev.crawler.fetch.FetchResult}.
 */
@NullMarked
package dev.crawler.fetch;

import org.jspecify.annotations.NullMarked;
