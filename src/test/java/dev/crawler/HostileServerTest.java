package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.crawler.TestCrawls.Run;
import dev.crawler.sink.CrawlResult;
import dev.crawler.url.Rejection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Traps, bombs, slow drips, faults, lies and SSRF: the crawl stays bounded and records each. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileServerTest extends HostileFixture {
    // ---- traps
    // -----------------------------------------------------------------------------------

    @Test
    void anInfiniteCalendarStopsAtTheHostBudget() throws Exception {
        wm.stubFor(
                get(urlPathEqualTo("/calendar"))
                        .willReturn(
                                ok("<a href=\"/calendar?day={{request.query.day}}1\">next day</a>"
                                                + "<a href=\"/calendar?day={{request.query.day}}2\">other day</a>")
                                        .withHeader("Content-Type", "text/html")
                                        .withTransformers("response-template")));

        Run run =
                crawl(
                        config().maxDepth(10_000).maxPagesPerHost(25).build(),
                        base() + "/calendar?day=0");

        assertThat(run.summary().admitted()).isEqualTo(25);
        assertThat(run.summary().rejected().get(Rejection.HOST_BUDGET.label())).isPositive();
    }

    @Test
    void anEndlesslyDeepPathStopsAtRepeatedSegments() throws Exception {
        wm.stubFor(
                get(urlPathMatching("/a(/a)*"))
                        .willReturn(
                                ok("<a href=\"{{request.path}}/a\">deeper</a>")
                                        .withHeader("Content-Type", "text/html")
                                        .withTransformers("response-template")));

        Run run = crawl(config().maxDepth(10_000).build(), base() + "/a");

        assertThat(run.summary().fetched()).isEqualTo(3); // /a, /a/a, /a/a/a
        assertThat(run.summary().rejected()).containsEntry(Rejection.REPEATING_PATH.label(), 1L);
    }

    @Test
    void longUrlsSessionIdsAndOtherSchemesAreKeptOut() throws Exception {
        html(
                "/",
                "<a href=\"/p?sid=1\">1</a><a href=\"/p?sid=2&PHPSESSID=x\">2</a><a href=\"/p;jsessionid=ABC\">3</a>"
                        + "<a href=\"/"
                        + "x".repeat(3000)
                        + "\">long</a>"
                        + "<a href=\"javascript:alert(1)\">j</a><a href=\"mailto:a@example.invalid\">m</a>"
                        + "<a href=\"data:text/html,hi\">d</a><a href=\"file:///etc/passwd\">f</a><a href=\"ftp://example.invalid/\">t</a>");
        html("/p", "<title>P</title>");

        Run run = crawl(config().build(), base() + "/");

        wm.verify(1, getRequestedFor(urlPathEqualTo("/p")));
        assertThat(run.summary().admitted()).isEqualTo(2);
        assertThat(run.summary().rejected())
                .containsEntry(Rejection.TOO_LONG.label(), 1L)
                .containsEntry(Rejection.UNSUPPORTED_SCHEME.label(), 5L)
                .containsEntry(Rejection.DUPLICATE.label(), 2L);
    }

    // ---- faults
    // ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {
                "CONNECTION_RESET_BY_PEER",
                "EMPTY_RESPONSE",
                "MALFORMED_RESPONSE_CHUNK",
                "RANDOM_DATA_THEN_CLOSE"
            })
    void faultsAreRetriedThenFailedWithAReason(Fault fault) throws Exception {
        wm.stubFor(get(urlEqualTo("/fault")).willReturn(aResponse().withFault(fault)));

        Run run = crawl(config().maxAttempts(3).build(), base() + "/fault");

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().results().get(0);
        assertThat(f.request().attempt()).isEqualTo(3);
        assertThat(f.error()).matches("(io|timeout): .*\\(after 3 attempts\\)");
    }

    @Test
    void aTlsFailureIsRetriedThenFailed() throws Exception {
        // WireMock's self-signed certificate is not trusted by the JDK.
        String https = "https://127.0.0.1:" + wm.getRuntimeInfo().getHttpsPort() + "/";

        Run run = crawl(config().build(), https);

        CrawlResult.Failed f = (CrawlResult.Failed) run.sink().results().get(0);
        assertThat(f.error()).startsWith("tls:").contains("after 2 attempts");
    }

    // ---- content lies
    // ------------------------------------------------------------------------------

    @Test
    void binaryServedAsHtmlIsRecordedNotACrash() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(junk);
        wm.stubFor(
                get(urlEqualTo("/junk"))
                        .willReturn(
                                ok().withBody(junk)
                                        .withHeader("Content-Type", "text/html; charset=utf-8")));
        wm.stubFor(
                get(urlEqualTo("/broken"))
                        .willReturn(
                                ok("<html><head><title>t</head><body><div><table><a href='/junk'>x</td></p>")
                                        .withHeader(
                                                "Content-Type", "text/html; charset=x-no-such")));

        Run run = crawl(config().build(), base() + "/junk", base() + "/broken");

        assertThat(run.summary().fetched()).isEqualTo(2);
    }

    // ---- SSRF
    // --------------------------------------------------------------------------------------

    @Test
    void theGuardRefusesMetadataAndLoopbackHostsOtherThanTheSeeds() throws Exception {
        html(
                "/",
                "<a href=\"http://169.254.169.254/latest/meta-data/\">metadata</a><a href=\"/hop\">hop</a>"
                        + "<a href=\"http://10.1.2.3/admin\">intranet</a>");
        wm.stubFor(
                get(urlEqualTo("/hop"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader(
                                                "Location",
                                                "http://127.0.0.2:" + wm.getPort() + "/inside")));

        Run run = crawl(config().sameHost(false).build(), base() + "/");

        List<String> errors =
                run.sink().results().stream()
                        .filter(r -> r instanceof CrawlResult.Failed)
                        .map(r -> ((CrawlResult.Failed) r).error())
                        .sorted()
                        .toList();
        assertThat(errors)
                .containsExactly(
                        "blocked address: 10.1.2.3 resolves to 10.1.2.3 (private)",
                        "blocked address: 127.0.0.2 resolves to 127.0.0.2 (loopback)",
                        "blocked address: 169.254.169.254 resolves to 169.254.169.254 (link-local)");
        assertThat(run.summary().fetched())
                .isEqualTo(1); // the seed: loopback, but given explicitly
    }

    @Test
    void withoutTheGuardTheSameRequestsWouldBeSent() throws Exception {
        html("/", "<a href=\"/hop\">hop</a>");
        wm.stubFor(
                get(urlEqualTo("/hop"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader(
                                                "Location",
                                                "http://127.0.0.2:" + wm.getPort() + "/inside")));
        CollectingSink sink = new CollectingSink();
        try (Crawler crawler =
                Crawler.builder()
                        .config(config().sameHost(false).ssrfGuard(false).maxAttempts(1).build())
                        .seeds(base() + "/")
                        .sink(sink)
                        .fetcherDecorator(loopbackOnly)
                        .build()) {
            crawler.run();
        }
        assertThat(offLoopback).containsExactly("http://127.0.0.2:" + wm.getPort() + "/inside");
    }
}
