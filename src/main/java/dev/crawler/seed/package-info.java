/**
 * Seeds: sources (files, standard input, arguments, code), their lines with priorities, labels and
 * user data, and the problems of bad lines.
 */
@NullMarked
package dev.crawler.seed;

import org.jspecify.annotations.NullMarked;
