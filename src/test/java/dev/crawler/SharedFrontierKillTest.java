package dev.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.redis.RedisFrontier;
import dev.crawler.testing.LocalRedis;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Two crawler processes (the CLI, each its own JVM) share one crawl through a real redis-server;
 * one is killed with SIGKILL mid-crawl, once both have sent requests (told apart by their {@code
 * User-Agent}; the test waits on the server's counts, it does not sleep). The other finishes every
 * page: the dead one's leases expire and their URLs go back to the queues, and its producer's
 * registration expires, so the crawl can end.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledOnOs({OS.LINUX, OS.MAC})
class SharedFrontierKillTest {
    private static final int PAGES = 300;

    @TempDir Path dir;

    private Process start(TreeSite site, LocalRedis redis, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-cp",
                        classpath,
                        "dev.crawler.cli.Main",
                        "crawl",
                        site.url(0),
                        "--frontier",
                        redis.url(0),
                        "--crawl-name",
                        "kill",
                        "--lease-time",
                        "2s",
                        "--out",
                        dir.resolve(name + ".jsonl").toString(),
                        "--ignore-robots",
                        "--host-delay",
                        "0",
                        "--host-concurrency",
                        "8",
                        "--workers",
                        "2",
                        "--user-agent",
                        name,
                        "--max-depth",
                        "50",
                        "-q")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    @Test
    void whenOneOfTwoProcessesIsKilledTheOtherFinishesEveryPage() throws Exception {
        try (LocalRedis redis = new LocalRedis();
                TreeSite site = new TreeSite(PAGES, 50)) {
            // Two fetchers each on a site answering in 50 ms: one process alone would take ~7.5 s.
            Process doomed = start(site, redis, "doomed");
            boolean doomedCrawls = served(site, "doomed", 20);
            Process survivor = start(site, redis, "survivor");
            boolean survivorCrawls = served(site, "survivor", 5); // both are mid-crawl now
            // kill it with a request surely in flight, so surely holding a lease (the survivor
            // could otherwise have claimed every URL ready at that moment)
            site.holdRequestsOf("doomed");
            boolean doomedHolds = site.held.tryAcquire(30, TimeUnit.SECONDS);
            doomed.destroyForcibly(); // SIGKILL: its leases and producer are left in Redis
            site.releaseHeld();
            assertThat(doomedHolds).as("the doomed process had a request in flight").isTrue();
            assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(doomedCrawls)
                    .as("the doomed process crawled (see %s)", log("doomed"))
                    .isTrue();
            assertThat(survivorCrawls)
                    .as("the survivor crawled (see %s)", log("survivor"))
                    .isTrue();
            assertThat(doomed.exitValue()).isEqualTo(137);

            assertThat(survivor.waitFor(120, TimeUnit.SECONDS)).as(log("survivor")).isTrue();
            assertThat(survivor.exitValue()).as(log("survivor")).isZero();

            for (int p = 0; p < PAGES; p++) {
                assertThat(site.requestsOf(p)).as("page %d fetched", p).isPositive();
            }
            Set<String> urls = new HashSet<>(records("survivor"));
            urls.addAll(records("doomed"));
            assertThat(urls).isEqualTo(site.allUrls());
            assertThat(records("survivor")).doesNotHaveDuplicates();

            CrawlConfig config =
                    CrawlConfig.builder().frontier(redis.url(0)).crawlName("kill").build();
            try (RedisFrontier shared = RedisFrontier.connect(config)) {
                FrontierStats s = shared.stats();
                assertThat(s.admitted()).isEqualTo(PAGES);
                assertThat(s.fetched()).isEqualTo(PAGES);
                assertThat(s.outstanding()).isZero();
            }
            try (JedisPooled jedis = new JedisPooled(URI.create(redis.url(0)))) {
                assertThat(jedis.hget("crawler:{kill}:ledger", "expired"))
                        .as("the killed process's leases expired and went back")
                        .isNotNull();
                assertThat(Long.parseLong(jedis.hget("crawler:{kill}:ledger", "expired")))
                        .isPositive();
            }
        }
    }

    /** Waits until {@code requests} requests of process {@code name} reached the site. */
    private static boolean served(TreeSite site, String name, int requests)
            throws InterruptedException {
        return site.servedTo
                .computeIfAbsent(name, a -> new java.util.concurrent.Semaphore(0))
                .tryAcquire(requests, 60, TimeUnit.SECONDS);
    }

    /** The URLs of a process's whole JSON Lines records (a killed process may leave a torn one). */
    private List<String> records(String name) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(dir.resolve(name + ".jsonl"), StandardCharsets.UTF_8).stream()
                .map(
                        line -> {
                            try {
                                JsonNode r = json.readTree(line);
                                return r.get("url").asText();
                            } catch (JsonProcessingException e) {
                                return "";
                            }
                        })
                .filter(u -> !u.isEmpty())
                .toList();
    }

    private String log(String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
