/**
 * The bundled demo site (with its book shop) and a throw-away local {@code redis-server}, for
 * {@code make run}, the cluster demo and the tests. Not part of the library's API.
 */
@NullMarked
package dev.crawler.demo;

import org.jspecify.annotations.NullMarked;
