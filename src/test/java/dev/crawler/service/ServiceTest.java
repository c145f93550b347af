package dev.crawler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crawler.CrawlSummary;
import dev.crawler.sink.CrawlResult;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service's HTTP API, driven by a real HTTP client against a running service. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServiceTest extends ServiceFixture {
    @Test
    void submitThenStatusStatsAndHealthAndItKeepsRunningWhenIdle() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true), 2)) {
            HttpResponse<String> accepted =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/")
                                    + "\"], \"priority\": 3, \"tag\": \"t1\"}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            String id = body(accepted).get("id").asText();
            assertThat(body(accepted).get("accepted").asInt()).isEqualTo(1);

            assertThat(recorded.tryAcquire(11, 60, TimeUnit.SECONDS)).isTrue(); // / and 10 pages

            JsonNode status = body(call(s, "GET", "/crawl/" + id, null));
            assertThat(status.get("tag").asText()).isEqualTo("t1");
            assertThat(status.get("done").asBoolean()).isTrue();
            assertThat(status.get("urls").get(0).get("state").asText()).isEqualTo("fetched");
            assertThat(status.get("urls").get(0).get("status").asInt()).isEqualTo(200);

            JsonNode stats = body(call(s, "GET", "/stats", null));
            assertThat(stats.get("fetched").asLong()).isEqualTo(11);
            assertThat(stats.get("inFlight").asLong()).isZero();
            assertThat(body(call(s, "GET", "/health", null)).get("status").asText())
                    .isEqualTo("ok");

            // idle, and still taking work
            HttpResponse<String> again =
                    call(s, "POST", "/crawl", "{\"urls\": [\"" + siteUrl("/later") + "\"]}");
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(recorded.tryAcquire(1, 60, TimeUnit.SECONDS)).isTrue();

            CrawlSummary summary = s.shutdown();
            assertThat(summary.fetched()).isEqualTo(12);
            assertThat(summary.ledgerBalanced()).isTrue();
            assertThat(summary.cancelled()).isFalse();
        }
    }

    @Test
    void aSubmissionCanPostAFormWithHeadersOfItsOwn() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true), 2)) {
            HttpResponse<String> accepted =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/api")
                                    + "\"], \"maxDepth\": 0, \"headers\": {\"X-From\": \"svc\"},"
                                    + " \"form\": {\"q\": \"a b\"}}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(recorded.tryAcquire(1, 60, TimeUnit.SECONDS)).isTrue();
            // before: a submission could only GET, with the crawl's headers
            assertThat(seen).contains("POST /api svc q=a+b");
            HttpResponse<String> bad =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\""
                                    + siteUrl("/x")
                                    + "\"], \"headers\": {\"Host\": \"h\"}}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("Host");
        }
    }

    @Test
    void aSubmissionsDepthLimitKeepsItsLinksOut() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true), 2)) {
            HttpResponse<String> accepted =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\"" + siteUrl("/") + "\"], \"maxDepth\": 0}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(recorded.tryAcquire(1, 60, TimeUnit.SECONDS)).isTrue();

            CrawlSummary summary = s.shutdown();
            assertThat(summary.fetched()).isEqualTo(1);
            assertThat(summary.rejected()).containsEntry("too-deep", 10L);
            assertThat(
                            call2(
                                    "{\"urls\": [\"http://a.test/\"], \"maxDepth\": -1}",
                                    ServiceOptions.loopback(0).withAllowInternal(true)))
                    .contains("maxDepth");
        }
    }

    /** Posts {@code body} to a fresh service and returns the error it answers. */
    private String call2(String body, ServiceOptions options) throws Exception {
        try (CrawlService s = start(options, 1)) {
            HttpResponse<String> r = call(s, "POST", "/crawl", body);
            assertThat(r.statusCode()).isEqualTo(400);
            return body(r).get("error").asText();
        }
    }

    @Test
    void shutdownDrainsWithinTheDeadlineThenCancelsTheRest() throws Exception {
        delayMillis = 300;
        ServiceOptions options =
                ServiceOptions.loopback(0)
                        .withAllowInternal(true)
                        .withShutdown(true)
                        .withDrainTimeout(Duration.ofMillis(200));
        CrawlService s = start(options, 1);
        assertThat(call(s, "POST", "/crawl", "{\"urls\": [\"" + siteUrl("/") + "\"]}").statusCode())
                .isEqualTo(202);
        assertThat(recorded.tryAcquire(2, 60, TimeUnit.SECONDS)).isTrue(); // / and one page

        HttpResponse<String> stopping = call(s, "POST", "/shutdown", "");
        assertThat(stopping.statusCode()).isEqualTo(202);
        CrawlSummary summary = s.awaitStop();

        assertThat(summary.cancelled()).isTrue();
        assertThat(summary.ledgerBalanced()).isTrue();
        assertThat(summary.admitted()).isEqualTo(11);
        assertThat(summary.fetched()).isBetween(2L, 10L);
        assertThat(results)
                .filteredOn(
                        r -> r instanceof CrawlResult.Skipped sk && sk.reason().equals("cancelled"))
                .isNotEmpty();
        assertThat(results).hasSize(11);
        assertThatThrownBy(() -> call(s, "GET", "/health", null)).isInstanceOf(IOException.class);
    }
}
