package dev.crawler.cli;

import dev.crawler.CrawlSummary;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a crawl summary for people, on standard error. */
final class SummaryPrinter {
    private SummaryPrinter() {}

    static void print(CrawlSummary s, String output, PrintStream err) {
        String state =
                s.error().isPresent()
                        ? " (stopped: " + s.error().get() + ")"
                        : s.cancelled() ? " (cancelled)" : "";
        err.printf(Locale.ROOT, "Crawl finished in %.2f s%s%n", s.elapsed().toNanos() / 1e9, state);
        err.printf(
                Locale.ROOT,
                "  ledger     admitted %d = fetched %d + failed %d + skipped %d%s%s%n",
                s.admitted(),
                s.fetched(),
                s.failed(),
                s.skipped(),
                s.pending() > 0 ? " + pending " + s.pending() + " (kept for the next run)" : "",
                s.ledgerBalanced() ? "" : "  (DOES NOT ADD UP)");
        err.printf(Locale.ROOT, "  rate       %.1f pages/s%n", s.pagesPerSecond());
        err.printf(Locale.ROOT, "  bytes      %s%n", humanBytes(s.bytes()));
        CrawlSummary.Latency l = s.latency();
        err.printf(
                Locale.ROOT,
                "  latency    p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d responses)%n",
                l.p50().toMillis(),
                l.p95().toMillis(),
                l.p99().toMillis(),
                l.max().toMillis(),
                l.count());
        err.printf(Locale.ROOT, "  retries    %d%n", s.retries());
        if (s.items() > 0 || s.handlerErrors() > 0) {
            err.printf(
                    Locale.ROOT,
                    "  items      %d (handler errors: %d)%n",
                    s.items(),
                    s.handlerErrors());
        }
        err.printf(
                Locale.ROOT,
                "  statuses   %s%n",
                s.statuses().isEmpty()
                        ? "none"
                        : s.statuses().entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue())
                                .collect(Collectors.joining(", ")));
        err.printf(
                Locale.ROOT,
                "  not admitted %s%n",
                s.rejected().isEmpty()
                        ? "none"
                        : s.rejected().entrySet().stream()
                                .sorted(java.util.Map.Entry.comparingByKey())
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")));
        if (!s.topFailingHosts().isEmpty()) {
            err.printf(
                    Locale.ROOT,
                    "  failing    %s%n",
                    s.topFailingHosts().stream()
                            .map(h -> h.host() + " " + h.count())
                            .collect(Collectors.joining(", ")));
        }
        if (s.seedErrors() > 0) {
            err.printf(Locale.ROOT, "  seed errors %d (see the warnings above)%n", s.seedErrors());
        }
        err.printf(Locale.ROOT, "  output     %s%n", output);
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024)
            return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }
}
