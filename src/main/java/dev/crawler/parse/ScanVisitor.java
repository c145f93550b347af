package dev.crawler.parse;

/** What an {@link HtmlScanner} reports, as it reads a page. */
interface ScanVisitor {
    /** Whether start tags named {@code tag} (lower case) are to be reported. */
    boolean wants(String tag);

    /**
     * A start tag it wants, which ends (its {@code >}) before {@code end}; {@code attributes} holds
     * lower-case names and decoded values, and is only valid during the call.
     */
    void startTag(String name, TagAttributes attributes, int end);

    /** The head's first {@code <title>}, decoded, whitespace as found. */
    void title(String text);

    /** Whether the scan may stop here. */
    default boolean done() {
        return false;
    }
}
