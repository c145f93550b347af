package dev.crawler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.Crawler;
import dev.crawler.config.CrawlConfig;
import dev.crawler.sink.CrawlResult;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LatencyIdealTest {
    private static final Duration D = Duration.ofMillis(50);

    @Test
    void oneSlotFetchesOnePageAtATime() {
        Map<String, List<String>> chain = Map.of("a", List.of("b", "c"), "b", List.of("c"));
        assertThat(LatencyIdeal.span(chain, "a", 1, D)).isEqualTo(D.multipliedBy(3));
    }

    @Test
    void aPagesLinksStartTheMomentItCompletesAndTheGraphsNarrowStartCounts() {
        // a root with 4 children, each with 4 of its own: 21 pages
        Map<String, List<String>> tree = new java.util.HashMap<>();
        tree.put("r", List.of("0", "1", "2", "3"));
        for (int i = 0; i < 4; i++) {
            tree.put(String.valueOf(i), List.of(i + "a", i + "b", i + "c", i + "d"));
        }
        // 64 slots: the root, then its 4 children, then their 16: three delays, not 21 / 64
        assertThat(LatencyIdeal.span(tree, "r", 64, D)).isEqualTo(D.multipliedBy(3));
        // 2 slots: r | 0 1 | 2 3 | then 16 leaves two at a time: 1 + 2 + 8 delays
        assertThat(LatencyIdeal.span(tree, "r", 2, D)).isEqualTo(D.multipliedBy(11));
    }

    @Test
    void theBenchSitesGraphIsWhatACrawlOfItFinds() throws Exception {
        int pages = 60;
        Map<String, List<String>> graph = DemoSite.plainGraph(pages);
        Map<String, Set<String>> found = new ConcurrentHashMap<>();
        try (DemoSite site = DemoSite.start(0, pages, Duration.ZERO, true);
                Crawler crawler =
                        Crawler.builder()
                                .config(
                                        CrawlConfig.builder()
                                                .hostDelay(Duration.ZERO)
                                                .hostConcurrency(8)
                                                .maxDepth(100)
                                                .respectRobots(false)
                                                .build())
                                .seeds(site.baseUrl().toString())
                                .sink(
                                        r -> {
                                            if (r instanceof CrawlResult.Fetched f) {
                                                Set<String> paths = new LinkedHashSet<>();
                                                f.page().links().stream()
                                                        .map(l -> URI.create(l).normalize())
                                                        .map(u -> u.getRawPath())
                                                        .forEach(paths::add);
                                                found.put(f.request().url().getPath(), paths);
                                            }
                                        })
                                .build()) {
            crawler.run();
        }
        assertThat(found.keySet()).isEqualTo(graph.keySet()); // every page, none more
        for (var page : graph.entrySet()) {
            assertThat(found.get(page.getKey()))
                    .as(page.getKey())
                    .isEqualTo(new HashSet<>(page.getValue()));
        }
    }
}
