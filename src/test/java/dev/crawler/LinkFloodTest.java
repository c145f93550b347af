package dev.crawler;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crawler.config.CrawlConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One page's flood of links neither starves the rest of its host nor runs without bound: links past
 * a page's first 100 queue behind the host's other work, and {@code max-links-per-page} caps what
 * is read of a page at all.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinkFloodTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    private static void site(int trapLinks, int articles) {
        TestCrawls.page(wm, "/", "root", "/trap", "/index");
        String[] trap = new String[trapLinks];
        for (int i = 0; i < trapLinks; i++) {
            trap[i] = "/t/" + i;
            TestCrawls.page(wm, trap[i], "t");
        }
        TestCrawls.page(wm, "/trap", "trap", trap);
        String[] real = new String[articles];
        for (int i = 0; i < articles; i++) {
            real[i] = "/a/" + i;
            TestCrawls.page(wm, real[i], "a");
        }
        TestCrawls.page(wm, "/index", "index", real);
    }

    private static CrawlConfig.Builder oneAtATime() {
        return CrawlConfig.builder()
                .workers(1)
                .hostConcurrency(1)
                .hostDelay(Duration.ZERO)
                .respectRobots(false)
                .maxDepth(2);
    }

    @Test
    void aFloodOfLinksQueuesBehindTheRestOfItsHost() throws Exception {
        site(300, 50);
        TestCrawls.Run run = TestCrawls.crawl(oneAtATime().build(), wm.url("/"));
        assertThat(run.summary().fetched()).isEqualTo(3 + 300 + 50);
        List<String> order = new ArrayList<>();
        wm.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(ServeEvent::getRequest)
                .forEach(r -> order.add(r.getUrl()));
        int lastArticle = 0;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).startsWith("/a/")) lastArticle = i;
        }
        long floodBefore =
                order.subList(0, lastArticle).stream()
                        .filter(u -> u.startsWith("/t/"))
                        .filter(u -> Integer.parseInt(u.substring(3)) >= 100)
                        .count();
        // before: all 200 links past the trap's first 100 went ahead of every article
        assertThat(floodBefore).isLessThan(40);
    }

    @Test
    void maxLinksPerPageCapsWhatIsReadOfAPage() throws Exception {
        site(300, 5);
        TestCrawls.Run run =
                TestCrawls.crawl(oneAtATime().maxLinksPerPage(120).build(), wm.url("/"));
        assertThat(run.summary().fetched()).isEqualTo(3 + 120 + 5);
        assertThat(run.sink().byPath()).containsKey("/t/119").doesNotContainKey("/t/120");
    }
}
