package dev.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How the values of one kind of setting are read from YAML, checked and printed. A setting's range
 * lives in its kind, written once: the YAML reader, the record's validation, the CLI's help and the
 * documented file all take it from here. Immutable and thread-safe.
 *
 * @param accepts what a value must look like, for messages ({@code "an integer from 1 to 100"})
 * @param reader parses a YAML value; throws {@link IllegalArgumentException} saying what is wrong
 * @param shower prints a value as the reader reads it back (secrets as {@code ***})
 * @param checker returns the value normalized, or throws {@link IllegalArgumentException} with a
 *     message that reads after the key: {@code "must be from 1 to 100: 0"}
 */
record Kind<T>(
        String accepts,
        Function<JsonNode, T> reader,
        Function<T, String> shower,
        UnaryOperator<T> checker) {

    T read(JsonNode value) {
        return reader.apply(value);
    }

    String show(T value) {
        return shower.apply(value);
    }

    T checked(T value) {
        return checker.apply(value);
    }
}
