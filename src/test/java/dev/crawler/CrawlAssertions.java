package dev.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.sink.CrawlResult;
import java.util.HashSet;
import java.util.Set;

/** The ledger checks every crawl test makes. */
final class CrawlAssertions {
    private CrawlAssertions() {}

    /** Every admitted URL has exactly one record, and the counts add up. */
    static void assertLedger(CrawlSummary summary, CollectingSink sink) {
        assertThat(summary.ledgerBalanced())
                .as(
                        "admitted %d = fetched %d + failed %d + skipped %d + pending %d",
                        summary.admitted(),
                        summary.fetched(),
                        summary.failed(),
                        summary.skipped(),
                        summary.pending())
                .isTrue();
        assertThat(sink.results()).hasSize((int) (summary.admitted() - summary.pending()));
        Set<String> seen = new HashSet<>();
        for (CrawlResult r : sink.results()) {
            assertThat(seen.add(r.request().url().toString()))
                    .as("one record per URL: %s", r.request().url())
                    .isTrue();
        }
        assertThat(sink.count(CrawlResult.Fetched.class) + sink.count(CrawlResult.Unchanged.class))
                .isEqualTo(summary.fetched());
        assertThat(sink.count(CrawlResult.Failed.class)).isEqualTo(summary.failed());
        assertThat(sink.count(CrawlResult.Skipped.class)).isEqualTo(summary.skipped());
        assertThat(sink.closed()).as("sink closed at the end").isTrue();
        assertHttpClientsClosed();
    }

    /** No HTTP client is left running: its selector thread is the one platform thread it owns. */
    static void assertHttpClientsClosed() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().matches("HttpClient-\\d+-SelectorManager")) {
                try {
                    t.join(10_000); // shutting down may take a moment after the client is closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
            }
        }
    }
}
