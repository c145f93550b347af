package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.crawler.TestCrawls.config;
import static dev.crawler.TestCrawls.crawl;
import static dev.crawler.TestCrawls.html;
import static dev.crawler.TestCrawls.page;
import static dev.crawler.TestCrawls.robots;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crawler.TestCrawls.Run;
import dev.crawler.sink.CrawlResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-host politeness (delays, concurrency, Retry-After) and robots.txt. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PolitenessTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @RegisterExtension
    static WireMockExtension other =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    private static List<Long> arrivals(WireMockExtension server, String pathPrefix) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(pathPrefix))
                .filter(e -> !e.getRequest().getUrl().equals("/robots.txt"))
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
    }

    // ---- per-host politeness -------------------------------------------------------------------

    @Test
    void aSlowHostDoesNotHoldUpAnotherHost() throws Exception {
        // wm: Crawl-delay 1 s, so one request per second. other: no robots.txt, no delay.
        robots(wm, "User-agent: *\nCrawl-delay: 1\n");
        page(wm, "/", "Slow root", "/s1", "/s2", "/s3");
        for (int i = 1; i <= 3; i++) page(wm, "/s" + i, "Slow " + i);
        String[] fastLinks = new String[10];
        for (int i = 0; i < 10; i++) {
            fastLinks[i] = "/f" + i;
            page(other, "/f" + i, "Fast " + i);
        }
        page(other, "/", "Fast root", fastLinks);

        Run run = crawl(config().workers(4).build(), wm.baseUrl() + "/", other.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(4 + 11);
        List<Long> slow = arrivals(wm, "/s");
        List<Long> fast = arrivals(other, "/");
        assertThat(slow).hasSize(3);
        long slowThird = slow.get(2);
        long fastBefore = fast.stream().filter(t -> t < slowThird).count();
        assertThat(fastBefore)
                .as("fast-host pages fetched before the slow host's third page")
                .isEqualTo(11);
        // and the slow host really was held to one request per second, robots.txt included
        List<Long> slowAll =
                wm.getAllServeEvents().stream()
                        .map(e -> e.getRequest().getLoggedDate().getTime())
                        .sorted()
                        .toList();
        for (int i = 1; i < slowAll.size(); i++) {
            assertThat(slowAll.get(i) - slowAll.get(i - 1)).isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void hostDelaySpacesRequestsToOneHost() throws Exception {
        page(wm, "/", "Root", "/a", "/b", "/c");
        for (String p : List.of("/a", "/b", "/c")) page(wm, p, p);

        crawl(
                config().respectRobots(false).hostDelay(Duration.ofMillis(200)).build(),
                wm.baseUrl() + "/");

        List<Long> times = arrivals(wm, "/");
        assertThat(times).hasSize(4);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void retryAfterHoldsOffTheWholeHost() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/a"))
                        .inScenario("busy")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
                        .willSetStateTo("ok"));
        wm.stubFor(
                get(urlEqualTo("/a"))
                        .inScenario("busy")
                        .whenScenarioStateIs("ok")
                        .willReturn(ok(html("A")).withHeader("Content-Type", "text/html")));
        page(wm, "/b", "B");
        page(wm, "/c", "C");

        // One at a time, so /b and /c queue behind /a on the same host.
        crawl(
                config().respectRobots(false).hostConcurrency(1).build(),
                wm.baseUrl() + "/a",
                wm.baseUrl() + "/b",
                wm.baseUrl() + "/c");

        List<ServeEvent> events =
                wm.getAllServeEvents().stream()
                        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                        .toList();
        assertThat(events).hasSize(4);
        assertThat(events.get(0).getResponse().getStatus()).isEqualTo(503);
        long gap =
                events.get(1).getRequest().getLoggedDate().getTime()
                        - events.get(0).getRequest().getLoggedDate().getTime();
        assertThat(gap)
                .as("next request to the host after a 503 with Retry-After: 1")
                .isGreaterThanOrEqualTo(1000);
    }

    // ---- robots.txt
    // ------------------------------------------------------------------------------

    @Test
    void obeysTheGroupForOurAgentAndFetchesRobotsOnce() throws Exception {
        robots(wm, "User-agent: jvm-crawler\nDisallow: /no/\n\nUser-agent: *\nDisallow: /\n");
        page(wm, "/", "Root", "/yes", "/no/x", "/yes2");
        page(wm, "/yes", "Yes");
        page(wm, "/yes2", "Yes 2");
        page(wm, "/no/x", "No");

        Run run = crawl(config().build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(3);
        CrawlResult.Skipped no = (CrawlResult.Skipped) run.sink().byPath().get("/no/x");
        assertThat(no.reason()).isEqualTo("disallowed by robots.txt");
        wm.verify(0, getRequestedFor(urlEqualTo("/no/x")));
        wm.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
    }

    @Test
    void missingOrForbiddenRobotsTxtAllowsEverything() throws Exception {
        wm.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(404)));
        other.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(403)));
        page(wm, "/private/a", "A");
        page(other, "/private/b", "B");

        Run run =
                crawl(
                        config().build(),
                        wm.baseUrl() + "/private/a",
                        other.baseUrl() + "/private/b");

        assertThat(run.summary().fetched()).isEqualTo(2);
    }

    @Test
    void robotsTxtServerErrorHoldsTheHostThenRetries() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .inScenario("r")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503))
                        .willSetStateTo("up"));
        wm.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .inScenario("r")
                        .whenScenarioStateIs("up")
                        .willReturn(ok("User-agent: *\nDisallow: /no\n")));
        page(wm, "/", "Root", "/no");

        Run run = crawl(config().build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(1);
        assertThat(((CrawlResult.Skipped) run.sink().byPath().get("/no")).reason())
                .isEqualTo("disallowed by robots.txt");
        wm.verify(2, getRequestedFor(urlEqualTo("/robots.txt")));
        // nothing was fetched from the host before its rules were known
        List<ServeEvent> events =
                wm.getAllServeEvents().stream()
                        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                        .toList();
        assertThat(events.get(0).getRequest().getUrl()).isEqualTo("/robots.txt");
        assertThat(events.get(1).getRequest().getUrl()).isEqualTo("/robots.txt");
    }

    @Test
    void unreachableRobotsTxtFailsTheHostsUrlsWithoutFetchingThem() throws Exception {
        wm.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(500)));
        page(wm, "/", "Root");

        Run run =
                crawl(config().maxAttempts(2).build(), wm.baseUrl() + "/", wm.baseUrl() + "/other");

        assertThat(run.summary().failed()).isEqualTo(2);
        assertThat(((CrawlResult.Failed) run.sink().byPath().get("/")).error())
                .isEqualTo("robots.txt unavailable: HTTP 500 (after 2 attempts)");
        wm.verify(0, getRequestedFor(urlEqualTo("/")));
    }

    @Test
    void followsRedirectsOfRobotsTxt() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/robots.txt"))
                        .willReturn(
                                aResponse()
                                        .withStatus(301)
                                        .withHeader("Location", "/real-robots.txt")));
        wm.stubFor(
                get(urlEqualTo("/real-robots.txt"))
                        .willReturn(ok("User-agent: *\nDisallow: /no\n")));
        page(wm, "/", "Root", "/no");

        Run run = crawl(config().build(), wm.baseUrl() + "/");

        assertThat(run.sink().byPath().get("/no")).isInstanceOf(CrawlResult.Skipped.class);
        wm.verify(0, getRequestedFor(urlEqualTo("/no")));
    }

    @Test
    void crawlDelayIsCappedByMaxCrawlDelay() throws Exception {
        robots(wm, "User-agent: *\nCrawl-delay: 3600\n");
        page(wm, "/", "Root", "/a", "/b");
        page(wm, "/a", "A");
        page(wm, "/b", "B");

        Run run = crawl(config().maxCrawlDelay(Duration.ofMillis(300)).build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(3);
        List<Long> times = arrivals(wm, "/");
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void ignoreRobotsSwitchesItOff() throws Exception {
        robots(wm, "User-agent: *\nDisallow: /\n");
        page(wm, "/", "Root");

        Run run = crawl(config().respectRobots(false).build(), wm.baseUrl() + "/");

        assertThat(run.summary().fetched()).isEqualTo(1);
        wm.verify(0, getRequestedFor(urlEqualTo("/robots.txt")));
    }
}
