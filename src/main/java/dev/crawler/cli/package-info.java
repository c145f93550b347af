/**
 * The command line (picocli): {@code crawl}, {@code demo}, {@code serve}, {@code serve-site},
 * {@code cluster}, {@code bench}. The only package that writes to standard output or exits the JVM.
 * It also holds, package-private and so out of the library's API, what only the command line runs:
 * the demo site with its book shop ({@code demo}, {@code serve-site}) and the benchmarks.
 */
@NullMarked
package dev.crawler.cli;

import org.jspecify.annotations.NullMarked;
