package dev.crawler.cli;

import dev.crawler.Crawler;
import dev.crawler.config.ConfigException;
import dev.crawler.config.CrawlConfig;
import dev.crawler.extract.Rules;
import dev.crawler.sink.ItemSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The command line's extraction: the rule file of {@code --extract} (or the {@code extract} key),
 * compiled before any request, and the items output of {@code --items}. Confined to the command's
 * thread.
 *
 * @param rules the compiled rules, when there are any
 * @param items where items go: a path, or {@code -} for standard output
 */
record Scraping(Optional<Rules> rules, String items) {
    /** The default items output when rules are given without {@code --items}. */
    static final String DEFAULT_ITEMS = "items.jsonl";

    /**
     * Reads and checks the configuration's rules and items output.
     *
     * @throws ConfigException naming the rule file, rule, field and reason, or the misused option
     */
    static Scraping of(CrawlConfig config, String out) throws ConfigException {
        if (config.output().extract().isEmpty()) {
            if (!config.output().items().isEmpty()) {
                throw new ConfigException("--items (items) needs --extract (extract): a rule file");
            }
            return new Scraping(Optional.empty(), "");
        }
        Rules rules = Rules.load(Path.of(config.output().extract()));
        String items = config.output().items().isEmpty() ? DEFAULT_ITEMS : config.output().items();
        if (items.equals("-") && out.equals("-")) {
            throw new ConfigException(
                    "--items - and --out - would both write to standard output: give one a file");
        }
        if (!items.equals("-")
                && !out.equals("-")
                && Path.of(items)
                        .toAbsolutePath()
                        .normalize()
                        .equals(Path.of(out).toAbsolutePath().normalize())) {
            throw new ConfigException("--items and --out name the same file: " + items);
        }
        return new Scraping(Optional.of(rules), items);
    }

    /** Whether the crawl extracts. */
    boolean active() {
        return rules.isPresent();
    }

    /** Where items go, for messages. */
    String itemsName() {
        return items.equals("-") ? "standard output" : items;
    }

    /**
     * Adds the rules and their items output to {@code builder}; with {@code resumeFilter} (a state
     * folder, or a shared frontier) the items file is appended to after removing the items of pages
     * not final. The item sink is guarded: {@code guard} closes it (or keeps the old file).
     */
    void apply(
            Crawler.Builder builder,
            Console console,
            Optional<Predicate<String>> resumeFilter,
            GuardedOutputs guard)
            throws IOException {
        if (rules.isEmpty()) {
            return;
        }
        Rules r = rules.get();
        boolean csv = items.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
        ItemSink sink;
        if (items.equals("-")) {
            sink = ItemSink.jsonLines(console.out());
        } else if (resumeFilter.isPresent()) {
            sink =
                    csv
                            ? ItemSink.csvResuming(Path.of(items), r.columns(), resumeFilter.get())
                            : ItemSink.jsonLinesResuming(Path.of(items), resumeFilter.get());
        } else {
            sink =
                    csv
                            ? ItemSink.csv(Path.of(items), r.columns())
                            : ItemSink.jsonLines(Path.of(items));
        }
        builder.handler(r).items(guard.guardItems(sink));
    }
}
