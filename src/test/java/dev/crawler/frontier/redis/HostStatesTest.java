package dev.crawler.frontier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.config.CrawlConfig;
import org.junit.jupiter.api.Test;

class HostStatesTest {
    @Test
    void keepsTheMostRecentlyUsedHostsAndNeverOneFetchingItsRobotsTxt() {
        HostStates hosts = new HostStates(CrawlConfig.defaults(), 3);
        HostState fetching = hosts.of("http://a.example");
        fetching.robots.start("http://a.example");
        HostState b = hosts.of("http://b.example");
        hosts.of("http://c.example");
        hosts.of("http://d.example"); // the eldest, a, is fetching: kept, the table grows by one
        assertThat(hosts.size()).isEqualTo(4);
        fetching.robots.resolve(
                new dev.crawler.frontier.RobotsOutcome.Known(
                        dev.crawler.politeness.RobotsRules.allowAll()),
                CrawlConfig.defaults().politeness(),
                CrawlConfig.defaults().retry(),
                0);
        hosts.of("http://b.example"); // b used again
        hosts.of("http://e.example"); // a, now idle and eldest, goes
        assertThat(hosts.size()).isEqualTo(4);
        assertThat(hosts.of("http://b.example")).isSameAs(b);
        // before: one state per host ever claimed, for the whole crawl
        for (int i = 0; i < 1000; i++) {
            hosts.of("http://h" + i + ".example");
        }
        assertThat(hosts.size()).isLessThanOrEqualTo(4);
        assertThat(hosts.of("http://a.example")).isNotSameAs(fetching); // starts afresh
    }
}
