package dev.crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.RobotsParser;
import dev.crawler.politeness.RobotsRules;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The robots.txt state machine both frontiers share. */
class RobotsGateTest {
    private static final URI ROBOTS = URI.create("http://h.test/robots.txt");
    private final CrawlConfig config =
            CrawlConfig.builder()
                    .maxAttempts(3)
                    .retryBaseDelay(Duration.ofSeconds(1))
                    .retryMaxDelay(Duration.ofSeconds(60))
                    .robotsCacheTtl(Duration.ofHours(1))
                    .maxCrawlDelay(Duration.ofSeconds(5))
                    .build();

    private static RobotsRules rules(String text) {
        return new RobotsParser("jvm-crawler")
                .parse(ROBOTS, text.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private RobotsGate.Learned resolve(RobotsGate gate, RobotsOutcome outcome, long now) {
        return gate.resolve(outcome, config.politeness(), config.retry(), now);
    }

    @Test
    void fetchesFirstThenAllowsByTheRulesUntilTheyExpire() {
        RobotsGate gate = new RobotsGate(ROBOTS, true);
        assertThat(gate.needsFetch(0)).isTrue();
        assertThat(gate.start("http://h.test").robotsUrl()).isEqualTo(ROBOTS);
        assertThat(gate.fetching()).isTrue();
        assertThat(gate.needsFetch(0)).isFalse();
        RobotsGate.Learned learned =
                resolve(
                        gate,
                        new RobotsOutcome.Known(
                                rules(
                                        "User-agent: *\nDisallow: /private\nCrawl-delay: 30\n"
                                                + "Sitemap: http://h.test/s.xml\n")),
                        0);
        assertThat(learned.crawlDelay()).contains(Duration.ofSeconds(5)); // capped
        assertThat(learned.sitemaps()).containsExactly("http://h.test/s.xml");
        assertThat(gate.known(1)).isTrue();
        assertThat(gate.allows(URI.create("http://h.test/private/x"))).isFalse();
        assertThat(gate.allows(URI.create("http://h.test/public"))).isTrue();
        long hour = Duration.ofHours(1).toNanos();
        assertThat(gate.needsFetch(hour - 1)).isFalse();
        assertThat(gate.needsFetch(hour)).isTrue(); // the cache expired: fetched again
        assertThat(gate.known(hour)).isFalse();
    }

    @Test
    void aFailureIsRetriedAfterTheRetryBackoffThenGivenUp() {
        RobotsGate gate = new RobotsGate(ROBOTS, true);
        gate.start("http://h.test");
        RobotsGate.Learned first = resolve(gate, new RobotsOutcome.Unavailable("HTTP 503"), 100);
        assertThat(first.backoffNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(gate.retryAtNanos(0)).isEqualTo(100 + Duration.ofSeconds(1).toNanos());
        assertThat(gate.needsFetch(100)).isTrue(); // the frontier waits for retryAt
        gate.start("http://h.test");
        RobotsGate.Learned second = resolve(gate, new RobotsOutcome.Unavailable("HTTP 503"), 0);
        assertThat(second.backoffNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
        gate.start("http://h.test");
        resolve(gate, new RobotsOutcome.Unavailable("HTTP 503"), 0);
        assertThat(gate.gaveUp()).contains("robots.txt unavailable: HTTP 503 (after 3 attempts)");
        assertThat(gate.needsFetch(0)).isFalse();
    }

    @Test
    void ignoringRobotsOpensTheGateForGood() {
        RobotsGate gate = new RobotsGate(ROBOTS, false);
        assertThat(gate.needsFetch(Long.MAX_VALUE)).isFalse();
        assertThat(gate.known(Long.MAX_VALUE)).isTrue();
        assertThat(gate.allows(URI.create("http://h.test/anything"))).isTrue();
        assertThat(gate.retryAtNanos(42)).isEqualTo(42);
    }

    @Test
    void theBackoffDoublesUpToTheLongestDelay() {
        var retry = config.retry();
        assertThat(retry.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retry.backoff(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(retry.backoff(1000)).isEqualTo(Duration.ofSeconds(60)); // no overflow
    }
}
