/** URL normalization and the crawl's scope rules, shared by seeds and links. */
@NullMarked
package dev.crawler.url;

import org.jspecify.annotations.NullMarked;
