/**
 * Politeness: the per-host unit ({@link dev.crawler.politeness.HostKey}), robots.txt rules read
 * with crawler-commons, and each host's adaptive delay. The frontier applies them; it alone knows
 * which host each waiting URL belongs to.
 */
@NullMarked
package dev.crawler.politeness;

import org.jspecify.annotations.NullMarked;
