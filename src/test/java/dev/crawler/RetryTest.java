package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.crawler.TestCrawls.crawl;
import static dev.crawler.TestCrawls.html;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crawler.TestCrawls.Run;
import dev.crawler.sink.CrawlResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries with backoff and Retry-After, final failures, and the total deadline of a fetch. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RetryTest extends CrawlerFixture {
    @Test
    void retriesA500ThenSucceeds() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/flaky"))
                        .inScenario("flaky")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(500))
                        .willSetStateTo("recovered"));
        wm.stubFor(
                get(urlEqualTo("/flaky"))
                        .inScenario("flaky")
                        .whenScenarioStateIs("recovered")
                        .willReturn(ok(html("Recovered")).withHeader("Content-Type", "text/html")));

        Run run = crawl(config().build(), url("/flaky"));

        CrawlResult.Fetched f = (CrawlResult.Fetched) run.sink().byPath().get("/flaky");
        assertThat(f.page().title()).isEqualTo("Recovered");
        assertThat(f.request().attempt()).isEqualTo(2);
        assertThat(run.summary().retries()).isEqualTo(1);
        assertThat(run.summary().statuses()).containsEntry(500, 1L).containsEntry(200, 1L);
    }

    @Test
    void retriesAConnectionResetThenSucceeds() throws Exception {
        // Two resets, then a page. The JDK client silently retries a GET once when the
        // connection dies before the response starts; the second reset is ours to retry.
        wm.stubFor(
                get(urlEqualTo("/reset"))
                        .inScenario("reset")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                        .willSetStateTo("again"));
        wm.stubFor(
                get(urlEqualTo("/reset"))
                        .inScenario("reset")
                        .whenScenarioStateIs("again")
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                        .willSetStateTo("ok"));
        wm.stubFor(
                get(urlEqualTo("/reset"))
                        .inScenario("reset")
                        .whenScenarioStateIs("ok")
                        .willReturn(ok(html("Fine")).withHeader("Content-Type", "text/html")));

        Run run = crawl(config().build(), url("/reset"));

        CrawlResult.Fetched f = (CrawlResult.Fetched) run.sink().byPath().get("/reset");
        assertThat(f.page().title()).isEqualTo("Fine");
        assertThat(f.request().attempt()).isGreaterThanOrEqualTo(2);
        assertThat(run.summary().retries()).isGreaterThanOrEqualTo(1);
        wm.verify(3, getRequestedFor(urlEqualTo("/reset")));
    }

    @Test
    void permanentResetFailsAfterMaxAttemptsWithTheReason() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/broken"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Run run = crawl(config().maxAttempts(3).build(), url("/broken"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/broken");
        assertThat(f.request().attempt()).isEqualTo(3);
        assertThat(f.error()).startsWith("io:").contains("3 attempts");
        assertThat(f.response()).isEmpty();
    }

    @Test
    void permanent500FailsAfterMaxAttempts() throws Exception {
        wm.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));

        Run run = crawl(config().maxAttempts(3).build(), url("/down"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/down");
        assertThat(f.request().attempt()).isEqualTo(3);
        assertThat(f.error()).contains("HTTP 500").contains("3 attempts");
        assertThat(f.response()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(500));
        wm.verify(3, getRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void notFoundIsFinalAtOnce() throws Exception {
        wm.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));

        Run run = crawl(config().build(), url("/gone"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/gone");
        assertThat(f.error()).isEqualTo("HTTP 404");
        assertThat(run.summary().retries()).isZero();
        wm.verify(1, getRequestedFor(urlEqualTo("/gone")));
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/busy"))
                        .inScenario("busy")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                        .willSetStateTo("free"));
        wm.stubFor(
                get(urlEqualTo("/busy"))
                        .inScenario("busy")
                        .whenScenarioStateIs("free")
                        .willReturn(ok(html("Free")).withHeader("Content-Type", "text/html")));

        Run run = crawl(config().build(), url("/busy")); // backoff alone would be ~10 ms

        assertThat(run.sink().byPath().get("/busy")).isInstanceOf(CrawlResult.Fetched.class);
        List<ServeEvent> events = served("/busy");
        assertThat(events).hasSize(2);
        long gapMillis =
                events.get(1).getRequest().getLoggedDate().getTime()
                        - events.get(0).getRequest().getLoggedDate().getTime();
        assertThat(gapMillis).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void retryAfterLongerThanTheMaximumFails() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/later"))
                        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));

        Run run = crawl(config().build(), url("/later"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/later");
        assertThat(f.error()).contains("HTTP 503").contains("Retry-After 3600s");
        wm.verify(1, getRequestedFor(urlEqualTo("/later")));
    }

    @Test
    void slowHeadersHitTheDeadlineAndFail() throws Exception {
        wm.stubFor(get(urlEqualTo("/slow")).willReturn(ok(html("Slow")).withFixedDelay(5_000)));

        Run run =
                crawl(
                        config().fetchTimeout(Duration.ofMillis(300)).maxAttempts(2).build(),
                        url("/slow"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/slow");
        assertThat(f.error()).startsWith("timeout").contains("2 attempts");
    }

    @Test
    void aDribbledBodyHitsTheTotalDeadline() throws Exception {
        // Headers arrive at once, the body takes 4 s: the JDK's request timeout alone would not
        // fire; the total fetch deadline must.
        wm.stubFor(
                get(urlEqualTo("/drip"))
                        .willReturn(
                                ok(html("Drip", "/x".repeat(200)))
                                        .withHeader("Content-Type", "text/html")
                                        .withChunkedDribbleDelay(20, 4_000)));

        Run run =
                crawl(
                        config().fetchTimeout(Duration.ofMillis(500)).maxAttempts(1).build(),
                        url("/drip"));

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().byPath().get("/drip");
        assertThat(f.error()).startsWith("timeout");
    }
}
