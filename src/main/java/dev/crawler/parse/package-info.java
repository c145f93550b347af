/**
 * Parsing: a page's jsoup document when a handler reads it, else the light parse (one {@code
 * HtmlScanner} pass, no document) for the same title, links, description, canonical and robots
 * directives; sitemaps. No I/O.
 */
@NullMarked
package dev.crawler.parse;

import org.jspecify.annotations.NullMarked;
