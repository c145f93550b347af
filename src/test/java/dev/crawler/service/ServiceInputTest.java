package dev.crawler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad input to the service gets an error with a reason, never a stack trace. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServiceInputTest extends ServiceFixture {
    /** One bad request and what it must get. */
    private record Case(String method, String path, String body, int status, String reason) {}

    @Test
    void badInputGetsAnErrorWithAReasonNeverAStackTrace() throws Exception {
        try (CrawlService s = start(ServiceOptions.loopback(0).withAllowInternal(true), 2)) {
            List<Case> cases =
                    List.of(
                            new Case("POST", "/crawl", "{\"urls\": [", 400, "malformed JSON"),
                            new Case("POST", "/crawl", "[1, 2]", 400, "\"urls\""),
                            new Case("POST", "/crawl", "{\"urls\": \"x\"}", 400, "non-empty array"),
                            new Case("POST", "/crawl", "{\"urls\": [7]}", 400, "strings only"),
                            new Case(
                                    "POST",
                                    "/crawl",
                                    "{\"urls\": [\"http://a.test/\"], \"priority\": \"high\"}",
                                    400,
                                    "integer"),
                            new Case(
                                    "POST",
                                    "/crawl",
                                    "{\"urls\": [\"not a url\", \"ftp://x/\"]}",
                                    400,
                                    "no URL was accepted"),
                            new Case(
                                    "POST",
                                    "/crawl",
                                    "{\"urls\": [\"" + "x".repeat(2 << 20) + "\"]}",
                                    400,
                                    "body larger than"),
                            new Case("GET", "/crawl/nope", null, 404, "no submission"),
                            new Case("GET", "/crawl", null, 405, "use POST"),
                            new Case("POST", "/shutdown", "", 403, "not enabled"),
                            new Case("GET", "/elsewhere", null, 404, "no such resource"));
            for (Case c : cases) {
                HttpResponse<String> r = call(s, c.method(), c.path(), c.body());
                String what = c.method() + " " + c.path() + " expecting " + c.reason();
                assertThat(r.statusCode()).as(what).isEqualTo(c.status());
                assertThat(body(r).get("error").asText()).as(what).contains(c.reason());
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
            }
            HttpResponse<String> mixed =
                    call(
                            s,
                            "POST",
                            "/crawl",
                            "{\"urls\": [\"" + siteUrl("/p1") + "\", \"mailto:x@y.z\"]}");
            assertThat(mixed.statusCode()).isEqualTo(202);
            assertThat(body(mixed).get("rejected").get(0).get("reason").asText())
                    .contains("unsupported-scheme");
        }
    }
}
