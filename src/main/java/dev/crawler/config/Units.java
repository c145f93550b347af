package dev.crawler.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations and sizes written the human way: {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code
 * 10MiB}, {@code 64KB}. Stateless and thread-safe.
 */
public final class Units {
    private static final Pattern AMOUNT =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*");

    private Units() {}

    /**
     * Parses a duration: a number and one of {@code ms}, {@code s}, {@code m}, {@code h}, {@code
     * d}; ISO-8601 ({@code PT5S}) is accepted too.
     *
     * @throws IllegalArgumentException with the accepted forms when the text is not one
     */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "PT", 0, 2) || t.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw badDuration(text);
            }
        }
        if (t.matches("0+(\\.0*)?")) {
            return Duration.ZERO; // zero needs no unit
        }
        Matcher m = AMOUNT.matcher(t);
        if (!m.matches()) {
            throw badDuration(text);
        }
        BigDecimal n = new BigDecimal(m.group(1));
        BigDecimal nanosPerUnit =
                switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ns" -> BigDecimal.ONE;
                    case "us" -> BigDecimal.valueOf(1_000L);
                    case "ms" -> BigDecimal.valueOf(1_000_000L);
                    case "s", "sec" -> BigDecimal.valueOf(1_000_000_000L);
                    case "m", "min" -> BigDecimal.valueOf(60_000_000_000L);
                    case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
                    case "d" -> BigDecimal.valueOf(86_400_000_000_000L);
                    default -> throw badDuration(text);
                };
        try {
            return Duration.ofNanos(n.multiply(nanosPerUnit).longValueExact());
        } catch (ArithmeticException e) {
            throw badDuration(text);
        }
    }

    /**
     * Parses a size in bytes: a number and one of {@code B}, {@code KB}, {@code MB}, {@code GB}
     * (powers of 1000) or {@code KiB}, {@code MiB}, {@code GiB} (powers of 1024); a bare number is
     * bytes.
     *
     * @throws IllegalArgumentException with the accepted forms when the text is not one
     */
    public static long parseSize(String text) {
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches()) {
            throw badSize(text);
        }
        BigDecimal n = new BigDecimal(m.group(1));
        long unit =
                switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "", "b" -> 1L;
                    case "k", "kb" -> 1_000L;
                    case "kib" -> 1L << 10;
                    case "m", "mb" -> 1_000_000L;
                    case "mib" -> 1L << 20;
                    case "g", "gb" -> 1_000_000_000L;
                    case "gib" -> 1L << 30;
                    default -> throw badSize(text);
                };
        try {
            return n.multiply(BigDecimal.valueOf(unit))
                    .setScale(0, java.math.RoundingMode.FLOOR)
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw badSize(text);
        }
    }

    /** Formats a duration compactly, as {@link #parseDuration} reads it. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) return ms / 86_400_000L + "d";
        if (ms % 3_600_000L == 0 && ms > 0) return ms / 3_600_000L + "h";
        if (ms % 60_000L == 0 && ms > 0) return ms / 60_000L + "m";
        if (ms % 1_000L == 0) return ms / 1_000L + "s";
        return ms + "ms";
    }

    /** Formats a size compactly, as {@link #parseSize} reads it. */
    public static String formatSize(long bytes) {
        if (bytes > 0 && bytes % (1L << 30) == 0) return (bytes >> 30) + "GiB";
        if (bytes > 0 && bytes % (1L << 20) == 0) return (bytes >> 20) + "MiB";
        if (bytes > 0 && bytes % (1L << 10) == 0) return (bytes >> 10) + "KiB";
        return bytes + "B";
    }

    /**
     * Refuses {@code value} shorter than {@code floor}, naming both settings by their keys.
     *
     * @throws IllegalArgumentException {@code "max-host-delay (1s) must not be shorter than
     *     host-delay (2s)"}
     */
    static void requireAtLeast(String key, Duration value, String other, Duration floor) {
        if (value.compareTo(floor) < 0) {
            throw new IllegalArgumentException(
                    key
                            + " ("
                            + formatDuration(value)
                            + ") must not be shorter than "
                            + other
                            + " ("
                            + formatDuration(floor)
                            + ")");
        }
    }

    private static IllegalArgumentException badDuration(String text) {
        return new IllegalArgumentException(
                "not a duration: '" + text + "' (write e.g. 500ms, 10s, 2m, 1h)");
    }

    private static IllegalArgumentException badSize(String text) {
        return new IllegalArgumentException(
                "not a size: '" + text + "' (write e.g. 512KiB, 10MiB, 1GB, or a number of bytes)");
    }
}
