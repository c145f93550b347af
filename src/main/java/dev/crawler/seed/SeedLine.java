package dev.crawler.seed;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One candidate seed as read from its source, before validation: a URL, optionally followed by
 * tab-separated fields: an integer priority ({@code https://example.com/\t10}; higher is fetched
 * sooner, also as {@code priority=10}), {@code label=NAME} (the handler its page goes to), {@code
 * header:NAME=VALUE} (a header its request sends, {@code header:Accept-Language=de}), {@code
 * form:NAME=VALUE} (a field of a form {@code POST}ed to the URL, repeatable, in order) or {@code
 * json=BODY} (a JSON {@code POST}), and any other {@code KEY=VALUE}, which becomes the request's
 * user data.
 *
 * @param location where it came from, as {@code source:line} (e.g. {@code seeds/site.txt:12})
 * @param text the line, trimmed, without a byte-order mark
 * @param given a seed built in code (a library user's {@link Seed}), used as it is
 */
public record SeedLine(String location, String text, Optional<Seed> given) {
    /** Validates the fields. */
    public SeedLine {
        requireNonNull(location, "location");
        requireNonNull(text, "text");
        requireNonNull(given, "given");
    }

    /** A line read from a file, standard input or the arguments. */
    public SeedLine(String location, String text) {
        this(location, text, Optional.empty());
    }

    /** What a seed line says. */
    public sealed interface Parsed {}

    /** A URL to admit (not validated yet) with what travels with it. */
    public record Valid(Seed seed) implements Parsed {}

    /** A line whose fields cannot be read; {@code detail} says why. */
    public record BadFields(String detail) implements Parsed {}

    /** Splits the line into its URL and fields. */
    public Parsed parse() {
        if (given.isPresent()) {
            return new Valid(given.get());
        }
        String[] parts = text.split("\t");
        Seed seed = Seed.of(parts[0].strip());
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> form = new LinkedHashMap<>();
        Optional<String> json = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String field = parts[i].strip();
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            String key = eq < 0 ? "priority" : field.substring(0, eq).strip();
            String value = eq < 0 ? field : field.substring(eq + 1).strip();
            switch (key) {
                case "priority" -> {
                    try {
                        seed = seed.priority(Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        return new BadFields("priority '" + value + "' is not an integer");
                    }
                }
                case "label" -> {
                    if (value.isEmpty()) return new BadFields("label= needs a name");
                    seed = seed.label(value);
                }
                default -> {
                    if (key.isEmpty()) return new BadFields("field '" + field + "' has no key");
                    if (key.startsWith("header:")) {
                        headers.put(key.substring("header:".length()).strip(), value);
                    } else if (key.startsWith("form:")) {
                        form.put(key.substring("form:".length()), value);
                    } else if (key.equals("json")) {
                        json = Optional.of(value);
                    } else {
                        data.put(key, value);
                    }
                }
            }
        }
        if (!form.isEmpty() && json.isPresent()) {
            return new BadFields("a seed posts a form or JSON, not both");
        }
        if (!form.isEmpty()) {
            seed = seed.post(RequestBody.form(form));
        }
        if (json.isPresent()) {
            seed = seed.post(RequestBody.json(json.get()));
        }
        if (!headers.isEmpty()) {
            try {
                seed = seed.headers(headers);
            } catch (IllegalArgumentException e) {
                return new BadFields(e.getMessage());
            }
        }
        return new Valid(data.isEmpty() ? seed : seed.userData(data));
    }
}
