/** Parsing with jsoup: a page's document, title, links and robots directives; sitemaps. No I/O. */
@NullMarked
package dev.crawler.parse;

import org.jspecify.annotations.NullMarked;
