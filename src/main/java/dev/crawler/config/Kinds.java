package dev.crawler.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The kinds of scalar and list settings, each with its range. Stateless. */
final class Kinds {
    private Kinds() {}

    static Kind<Integer> integer(int min, int max) {
        Kind<Long> wide = count(min, max);
        return new Kind<>(
                wide.accepts(),
                v -> wide.read(v).intValue(),
                String::valueOf,
                n -> wide.checked((long) requireNonNull(n)).intValue());
    }

    static Kind<Long> count(long min, long max) {
        return new Kind<>(
                max == Long.MAX_VALUE
                        ? "an integer, " + min + " or more"
                        : "an integer from " + min + " to " + max,
                YamlValues::longInteger,
                String::valueOf,
                n -> {
                    if (n < min || n > max) {
                        throw new IllegalArgumentException(
                                (max == Long.MAX_VALUE
                                                ? "must be " + min + " or more"
                                                : "must be from " + min + " to " + max)
                                        + ": "
                                        + n);
                    }
                    return n;
                });
    }

    /** Requests per second: 0 (no cap) or a positive finite number. */
    static Kind<Double> rate() {
        return new Kind<>(
                "requests per second, a number >= 0; 0 turns the cap off",
                YamlValues::number,
                d -> d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d),
                d -> {
                    if (!(d >= 0) || Double.isInfinite(d)) {
                        throw new IllegalArgumentException("must be 0 (no cap) or positive: " + d);
                    }
                    return d;
                });
    }

    /** A duration of at least {@code min}; {@code min} zero allows zero, else it must be more. */
    static Kind<Duration> duration(Duration min) {
        String accepts =
                min.isZero()
                        ? "a duration such as 250ms or 2s (0s allowed)"
                        : min.toNanos() == 1
                                ? "a positive duration such as 500ms, 30s or 5m"
                                : "a duration of at least " + Units.formatDuration(min);
        return new Kind<>(
                accepts,
                v -> Units.parseDuration(YamlValues.text(v)),
                Units::formatDuration,
                d -> {
                    if (requireNonNull(d).compareTo(min) < 0) {
                        throw new IllegalArgumentException(
                                (min.isZero()
                                                ? "must not be negative: "
                                                : min.toNanos() == 1
                                                        ? "must be positive: "
                                                        : "must be at least "
                                                                + Units.formatDuration(min)
                                                                + ": ")
                                        + Units.formatDuration(d));
                    }
                    return d;
                });
    }

    /** A positive duration. */
    static Kind<Duration> positive() {
        return duration(Duration.ofNanos(1));
    }

    /** A size in bytes from {@code min} to {@code max}. */
    static Kind<Long> size(long min, long max) {
        return new Kind<>(
                "a size such as 10MiB, from "
                        + Units.formatSize(min)
                        + (max == Long.MAX_VALUE ? " up" : " to " + Units.formatSize(max)),
                v -> v.isIntegralNumber() ? v.asLong() : Units.parseSize(YamlValues.text(v)),
                Units::formatSize,
                n -> {
                    if (n < min || n > max) {
                        throw new IllegalArgumentException(
                                (n < min
                                                ? "must be at least " + Units.formatSize(min)
                                                : "must be at most " + Units.formatSize(max))
                                        + ": "
                                        + Units.formatSize(n));
                    }
                    return n;
                });
    }

    static Kind<Boolean> bool() {
        return new Kind<>("true or false", YamlValues::bool, String::valueOf, present());
    }

    /** Text matching {@code form}, described as {@code what} in messages. */
    static Kind<String> matching(String form, String what) {
        Pattern p = Pattern.compile(form);
        return new Kind<>(
                what,
                YamlValues::text,
                YamlValues::quote,
                s -> {
                    if (!p.matcher(requireNonNull(s)).matches()) {
                        throw new IllegalArgumentException("must be " + what + ": '" + s + "'");
                    }
                    return s;
                });
    }

    /** Text that may be empty (a path, a file name): null in YAML is empty, spaces are cut. */
    static Kind<String> optional(String what) {
        return optional(what, UnaryOperator.identity(), YamlValues::quote);
    }

    static Kind<String> optional(
            String what, UnaryOperator<String> check, Function<String, String> show) {
        return new Kind<>(
                what,
                v -> v.isNull() ? "" : YamlValues.text(v).strip(),
                show,
                s -> check.apply(requireNonNull(s)));
    }

    /** Empty (the embedded frontier) or the Redis URL of a shared one. */
    static Kind<String> frontier() {
        String what =
                "empty (the embedded frontier), redis://HOST:PORT/DB or redis-cluster://HOST:PORT";
        return optional(
                what,
                s -> {
                    if (s.isEmpty()) {
                        return s;
                    }
                    try {
                        URI uri = new URI(s);
                        if (List.of("redis", "rediss", "redis-cluster").contains(uri.getScheme())
                                && uri.getHost() != null) {
                            return s;
                        }
                    } catch (URISyntaxException e) {
                        // told below
                    }
                    throw new IllegalArgumentException("must be " + what + ": '" + s + "'");
                },
                YamlValues::quote);
    }

    /** A list of regular expressions (one string reads as a list of one). */
    static Kind<List<String>> patterns() {
        return new Kind<>(
                "a list of regular expressions",
                YamlValues::strings,
                YamlValues::list,
                list -> {
                    for (String p : list) {
                        try {
                            Pattern.compile(requireNonNull(p));
                        } catch (PatternSyntaxException e) {
                            throw new IllegalArgumentException(
                                    "has an invalid regular expression '"
                                            + p
                                            + "': "
                                            + e.getDescription(),
                                    e);
                        }
                    }
                    return List.copyOf(list);
                });
    }

    private static <T> UnaryOperator<T> present() {
        return v -> requireNonNull(v);
    }
}
