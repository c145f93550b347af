package dev.crawler.seed;

/**
 * A seed line that could not be used: reported, counted and skipped, while the crawl goes on.
 *
 * @param location where it came from, as {@code source:line}
 * @param text the line as read
 * @param reason why it was skipped
 */
public record SeedProblem(String location, String text, String reason) {
    /** One line for people: {@code seeds.txt:3: skipped 'htp:/x': not an absolute URL}. */
    public String describe() {
        return location + ": skipped '" + text + "': " + reason;
    }
}
