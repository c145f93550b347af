/**
 * The command line (picocli): {@code crawl}, {@code demo}, {@code serve}, {@code serve-site},
 * {@code cluster}, {@code bench}. The only package that writes to standard output or exits the JVM.
 */
@NullMarked
package dev.crawler.cli;

import org.jspecify.annotations.NullMarked;
