package dev.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One setting of a crawl: its key ({@code max-pages}), the kind of value it takes with its range,
 * its default, its help, and where it lives in {@link CrawlConfig} and its builder. The table of
 * them ({@link Settings#all()}) is the one place a setting is described: the YAML reader, the
 * record's validation, {@code --print-config}, the CLI's help and {@code config/crawler.yaml} are
 * all driven by it. Immutable and thread-safe.
 *
 * @param <T> the type of its value
 */
public final class Setting<T> {
    private final String key;
    private final Kind<T> kind;
    private final Supplier<T> defaults;
    private final Function<CrawlConfig, T> get;
    private final BiConsumer<CrawlConfig.Builder, T> set;
    private final String help;
    private final String documented;

    private Setting(
            String key,
            Kind<T> kind,
            Supplier<T> defaults,
            Function<CrawlConfig, T> get,
            BiConsumer<CrawlConfig.Builder, T> set,
            String help,
            String documented) {
        this.key = key;
        this.kind = kind;
        this.defaults = defaults;
        this.get = get;
        this.set = set;
        this.help = help;
        this.documented = documented;
    }

    static <T> Setting<T> of(
            String key,
            Kind<T> kind,
            T defaultValue,
            Function<CrawlConfig, T> get,
            BiConsumer<CrawlConfig.Builder, T> set,
            String help) {
        return new Setting<>(key, kind, () -> defaultValue, get, set, help, "");
    }

    /**
     * A setting whose default depends on the machine (the heap): the shipped file writes it
     * commented out, with the value it has under the launcher ({@code documented}).
     */
    static <T> Setting<T> computed(
            String key,
            Kind<T> kind,
            Supplier<T> defaults,
            String documented,
            Function<CrawlConfig, T> get,
            BiConsumer<CrawlConfig.Builder, T> set,
            String help) {
        return new Setting<>(key, kind, defaults, get, set, help, documented);
    }

    /** The key, as in the YAML file and the CLI's flag: {@code max-pages}. */
    public String key() {
        return key;
    }

    /** Its help, as {@code config/crawler.yaml} gives it above the key. */
    public String help() {
        return help;
    }

    /** The help's first sentence, for the CLI. */
    public String summary() {
        int end = help.indexOf(". ");
        return end < 0 ? help.strip() : help.substring(0, end + 1);
    }

    /** What its values must look like: {@code an integer from 1 to 100000}. */
    public String accepts() {
        return kind.accepts();
    }

    /** The default value as the YAML file writes it. */
    public String defaultText() {
        return kind.show(defaults.get());
    }

    /** Its value in {@code config}, as the YAML file writes it (secrets as ***). */
    public String show(CrawlConfig config) {
        return kind.show(get.apply(config));
    }

    /**
     * Its line in the shipped file: {@code key: default}, commented out with the launcher's value
     * when the default depends on the machine.
     */
    String fileLine() {
        return documented.isEmpty() ? key + ": " + defaultText() : "# " + key + ": " + documented;
    }

    /**
     * Reads a YAML value onto {@code builder}.
     *
     * @throws IllegalArgumentException saying what is wrong, without the key
     */
    void read(CrawlConfig.Builder builder, JsonNode value) {
        set.accept(builder, kind.checked(kind.read(value)));
    }

    /**
     * The value checked against its range and normalized.
     *
     * @throws IllegalArgumentException naming the key: {@code max-pages must be 0 or more: -1}
     */
    T checked(T value) {
        try {
            return kind.checked(value);
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(
                    m.startsWith(key)
                            ? m
                            : key + (m.startsWith("must") || m.startsWith("has ") ? " " : ": ") + m,
                    e);
        }
    }

    /** Checks the value {@code builder} holds (for a setting no group keeps, say crawl-name). */
    void check(CrawlConfig.Builder builder) {
        checked(builder.get(this));
    }

    void reset(CrawlConfig.Builder builder) {
        set.accept(builder, defaults.get());
    }

    void copy(CrawlConfig from, CrawlConfig.Builder to) {
        set.accept(to, get.apply(from));
    }

    @Override
    public String toString() {
        return key;
    }
}
