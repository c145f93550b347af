/**
 * The frontier shared by many processes through Redis: every change one Lua script, leases for
 * claimed URLs, a shared rate limit, the crawl's ledger.
 */
@NullMarked
package dev.crawler.frontier.redis;

import org.jspecify.annotations.NullMarked;
