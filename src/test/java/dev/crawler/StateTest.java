package dev.crawler;

import static dev.crawler.CrawlAssertions.assertLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.CrawlState;
import dev.crawler.frontier.StateCounts;
import dev.crawler.request.PageFacts;
import dev.crawler.sink.CrawlResult;
import dev.crawler.sink.CrawlSink;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls kept in a state folder: resumed after a stop, finished crawls left alone, the lock, dead
 * letters and their retry, and the conditional recrawl.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StateTest {
    @TempDir Path dir;

    private static CrawlConfig config() {
        return CrawlConfig.builder()
                .workers(4)
                .hostDelay(Duration.ZERO)
                .hostConcurrency(4)
                .respectRobots(false)
                .maxDepth(50)
                .retryBaseDelay(Duration.ofMillis(10))
                .fetchTimeout(Duration.ofSeconds(10))
                .shutdownGrace(Duration.ofSeconds(5))
                .build();
    }

    /** One run on the state: its summary and records. */
    private record Run(CrawlSummary summary, CollectingSink sink) {}

    /** Runs a crawl on the state in {@code dir}; cancels it after {@code stopAfter} records. */
    private Run run(String seed, int stopAfter) throws Exception {
        CollectingSink records = new CollectingSink();
        AtomicReference<Crawler> crawler = new AtomicReference<>();
        AtomicInteger count = new AtomicInteger();
        CrawlSink stopper =
                result -> {
                    if (count.incrementAndGet() == stopAfter) {
                        crawler.get().cancel();
                    }
                };
        try (CrawlState state = CrawlState.open(dir.resolve("state"))) {
            Crawler.Builder b = Crawler.builder().config(config()).state(state).sink(records);
            if (stopAfter > 0) {
                b.sink(stopper);
            }
            if (!seed.isEmpty()) {
                b.seeds(seed);
            }
            crawler.set(b.build());
            try (Crawler c = crawler.get()) {
                CrawlSummary summary = c.run();
                assertLedger(summary, records);
                return new Run(summary, records);
            }
        }
    }

    private StateCounts counts() throws IOException {
        try (CrawlState state = CrawlState.openReadOnly(dir.resolve("state"))) {
            return state.counts();
        }
    }

    private static Set<String> urls(CollectingSink sink) {
        Set<String> out = new HashSet<>();
        sink.results().forEach(r -> out.add(r.request().url().toString()));
        return out;
    }

    @Test
    void aStoppedCrawlResumesWithWhatWasLeftAndFetchesNothingTwice() throws Exception {
        try (TreeSite site = new TreeSite(300, 2)) {
            Run first = run(site.url(0), 40);

            assertThat(first.summary().cancelled()).isTrue();
            assertThat(first.summary().pending()).as("kept for the next run").isPositive();
            assertThat(first.sink().results())
                    .as("nothing recorded as cancelled: it stays pending")
                    .noneMatch(r -> r instanceof CrawlResult.Skipped);
            StateCounts between = counts();
            assertThat(between.pending()).isEqualTo(first.summary().pending());
            assertThat(between.fetched()).isEqualTo(first.summary().fetched());

            Run second = run(site.url(0), 0); // the same command again
            assertThat(second.summary().cancelled()).isFalse();
            assertThat(second.summary().pending()).isZero();

            Set<String> firstUrls = urls(first.sink());
            Set<String> secondUrls = urls(second.sink());
            assertThat(firstUrls).doesNotContainAnyElementsOf(secondUrls);
            Set<String> all = new HashSet<>(firstUrls);
            all.addAll(secondUrls);
            assertThat(all).isEqualTo(site.allUrls());
            assertThat(counts()).isEqualTo(new StateCounts(0, 300, 0, 0));
            for (int p = 0; p < site.n; p++) {
                // at least once; twice only for a fetch in flight when the first run stopped
                assertThat(site.requestsOf(p)).as("requests of page %d", p).isBetween(1, 2);
            }
        }
    }

    @Test
    void aFinishedCrawlRunAgainDoesNothing() throws Exception {
        try (TreeSite site = new TreeSite(20, 0)) {
            Run first = run(site.url(0), 0);
            assertThat(first.summary().fetched()).isEqualTo(20);
            int requests = site.totalRequests();

            Run again = run(site.url(0), 0);

            assertThat(again.summary().admitted()).isZero();
            assertThat(again.summary().rejected()).containsEntry("duplicate", 1L);
            assertThat(site.totalRequests()).isEqualTo(requests);
            assertThat(counts().finished()).isTrue();
        }
    }

    @Test
    void resumingNeedsNoSeedsAndKeepsTheScopeOfTheFirstRun() throws Exception {
        try (TreeSite site = new TreeSite(100, 2)) {
            Run first = run(site.url(0), 10);
            assertThat(first.summary().pending()).isPositive();

            Run second = run("", 0); // no seeds: the state knows the crawl's hosts

            assertThat(second.summary().rejected()).doesNotContainKey("off-host");
            assertThat(counts()).isEqualTo(new StateCounts(0, 100, 0, 0));
        }
    }

    @Test
    void aSecondCrawlerCannotOpenALockedState() throws Exception {
        try (CrawlState held = CrawlState.open(dir.resolve("state"))) {
            assertThatThrownBy(() -> CrawlState.open(dir.resolve("state")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("in use by another crawler")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(held.counts().total()).isZero();
        }
        CrawlState.open(dir.resolve("state")).close(); // released with the first
    }

    @Test
    void deadLettersAreListedWithReasonsAndRetriedOnRequest() throws Exception {
        try (TreeSite site = new TreeSite(7, 0)) {
            site.statusOverrides.put("/p/5", 404);
            site.statusOverrides.put("/p/6", 410);
            Run first = run(site.url(0), 0);
            assertThat(first.summary().failed()).isEqualTo(2);

            List<CrawlState.DeadLetter> dead = new ArrayList<>();
            try (CrawlState state = CrawlState.openReadOnly(dir.resolve("state"))) {
                state.forEachFailed(dead::add);
            }
            assertThat(dead)
                    .extracting(CrawlState.DeadLetter::url, CrawlState.DeadLetter::reason)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(site.url(5), "HTTP 404"),
                            org.assertj.core.groups.Tuple.tuple(site.url(6), "HTTP 410"));

            site.statusOverrides.clear(); // the server is fixed
            try (CrawlState state = CrawlState.open(dir.resolve("state"))) {
                assertThat(state.retryFailed()).isEqualTo(2);
            }
            Run retry = run(site.url(0), 0);

            assertThat(urls(retry.sink())).containsExactlyInAnyOrder(site.url(5), site.url(6));
            assertThat(retry.summary().fetched()).isEqualTo(2);
            assertThat(counts()).isEqualTo(new StateCounts(0, 7, 0, 0));
        }
    }

    @Test
    void aRecrawlsUnchangedPageKeepsItsTitleLinksParentAndContentType() throws Exception {
        try (TreeSite site = new TreeSite(15, 0)) {
            Map<URI, CrawlResult.Fetched> first = new HashMap<>();
            for (CrawlResult r : run(site.url(0), 0).sink().results()) {
                first.put(r.request().url(), (CrawlResult.Fetched) r);
            }
            try (CrawlState state = CrawlState.open(dir.resolve("state"))) {
                state.recrawl();
            }
            List<CrawlResult> again = run(site.url(0), 0).sink().results();
            assertThat(again).hasSize(15);
            for (CrawlResult r : again) {
                CrawlResult.Unchanged u = (CrawlResult.Unchanged) r;
                CrawlResult.Fetched before = first.get(u.request().url());
                // before: no title, no links, no content type, and no parent on the 304's record
                assertThat(u.previous())
                        .hasValue(
                                new PageFacts(
                                        before.page().title(),
                                        before.info().contentType(),
                                        before.page().links().size()));
                assertThat(u.request().parent()).isEqualTo(before.request().parent());
                assertThat(u.request().depth()).isEqualTo(before.request().depth());
            }
            CrawlResult deeper =
                    again.stream().filter(r -> r.request().depth() > 0).findFirst().orElseThrow();
            String line =
                    new String(
                            new com.fasterxml.jackson.databind.ObjectMapper()
                                    .writeValueAsBytes(
                                            dev.crawler.sink.JsonLinesSink.record(deeper)),
                            java.nio.charset.StandardCharsets.UTF_8);
            assertThat(line)
                    .contains("\"unchanged\":true")
                    .contains("\"title\":\"" + first.get(deeper.request().url()).page().title())
                    .contains("\"contentType\":\"text/html")
                    .doesNotContain("\"parent\":null");
        }
    }

    @Test
    void aRecrawlAsksConditionallyAndA304CostsNoParse() throws Exception {
        try (TreeSite site = new TreeSite(15, 0)) {
            run(site.url(0), 0);
            try (CrawlState state = CrawlState.open(dir.resolve("state"))) {
                assertThat(state.recrawl()).isEqualTo(15);
            }

            Run recrawl = run(site.url(0), 0);

            assertThat(recrawl.summary().admitted()).isEqualTo(15);
            assertThat(recrawl.summary().fetched()).isEqualTo(15);
            assertThat(recrawl.sink().results())
                    .allSatisfy(r -> assertThat(r).isInstanceOf(CrawlResult.Unchanged.class));
            assertThat(site.notModified.get()).isEqualTo(15);
            assertThat(recrawl.summary().statuses()).containsOnlyKeys(304);
            assertThat(counts()).isEqualTo(new StateCounts(0, 15, 0, 0));
        }
    }
}
