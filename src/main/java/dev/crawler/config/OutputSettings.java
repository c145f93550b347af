package dev.crawler.config;

import java.util.List;

/**
 * The command line's scraping outputs (the library takes rules as a handler instead). Each
 * component is the setting of the same name in {@code config/crawler.yaml}; the constants below are
 * their rows in the table of {@link Settings}. Immutable.
 */
public record OutputSettings(String extract, String items) {

    static final Setting<String> EXTRACT =
            Setting.of(
                    "extract",
                    Kinds.optional("a rule file (YAML), empty for none"),
                    "",
                    c -> c.output().extract(),
                    CrawlConfig.Builder::extract,
                    """
                    A rule file (YAML) to extract items from pages with; see \
                    config/rules.example.yaml. Empty: none.""");

    static final Setting<String> ITEMS =
            Setting.of(
                    "items",
                    Kinds.optional(
                            "an items file (.csv for CSV, else JSON Lines; - for standard output), empty for none"),
                    "",
                    c -> c.output().items(),
                    CrawlConfig.Builder::items,
                    """
                    Where items go: a file ending in .csv is CSV, anything else JSON Lines; - is \
                    standard output. Empty: no items output (with extract set, the default is \
                    items.jsonl).""");

    /** This group's rows of the table, in the order of its components. */
    static final List<Setting<?>> SETTINGS = List.of(EXTRACT, ITEMS);

    /** Checks every value against its setting and normalizes it. */
    public OutputSettings {
        extract = EXTRACT.checked(extract);
        items = ITEMS.checked(items);
    }

    static OutputSettings from(CrawlConfig.Builder b) {
        return new OutputSettings(b.get(EXTRACT), b.get(ITEMS));
    }
}
