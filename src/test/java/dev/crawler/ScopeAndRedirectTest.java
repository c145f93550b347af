package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.crawler.TestCrawls.crawl;
import static dev.crawler.TestCrawls.html;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.TestCrawls.Run;
import dev.crawler.sink.CrawlResult;
import dev.crawler.url.Rejection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Depth, page budget and deduplication; gzip and redirects as hops, their loops, limits and hosts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScopeAndRedirectTest extends CrawlerFixture {
    @Test
    void stopsAtMaxDepth() throws Exception {
        for (int i = 0; i < 6; i++) {
            page("/d" + i, "Depth " + i, "/d" + (i + 1));
        }

        Run run = crawl(config().maxDepth(3).build(), url("/d0"));

        assertThat(run.summary().fetched()).isEqualTo(4);
        assertThat(run.sink().byPath()).containsOnlyKeys("/d0", "/d1", "/d2", "/d3");
        assertThat(run.summary().rejected()).containsEntry(Rejection.TOO_DEEP.label(), 1L);
        wm.verify(0, getRequestedFor(urlEqualTo("/d4")));
    }

    @Test
    void stopsAtMaxPages() throws Exception {
        String[] links = new String[30];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/p" + i;
            page("/p" + i, "P" + i);
        }
        page("/", "Root", links);

        Run run = crawl(config().maxPages(10).build(), url("/"));

        assertThat(run.summary().admitted()).isEqualTo(10);
        assertThat(run.summary().fetched()).isEqualTo(10);
        assertThat(run.summary().rejected()).containsEntry(Rejection.OVER_BUDGET.label(), 21L);
        assertThat(wm.getAllServeEvents()).hasSize(10);
    }

    @Test
    void deduplicatesEquivalentUrls() throws Exception {
        String base = wm.baseUrl();
        String upper = base.replace("http://", "HTTP://");
        page("/", "Root", "/same", "/same#top", upper + "/same", "/x/../same", "./same", "/same?");

        Run run = crawl(config().build(), url("/"), url("/"), url("/#again"));

        wm.verify(1, getRequestedFor(urlEqualTo("/same")));
        wm.verify(1, getRequestedFor(urlEqualTo("/")));
        assertThat(run.summary().admitted()).isEqualTo(2);
        // two seeds, and the four link strings the parser passes on besides the first ("./same"
        // resolves to the same string as "/same" already in the parser)
        assertThat(run.summary().rejected()).containsEntry(Rejection.DUPLICATE.label(), 6L);
    }

    @Test
    void decodesGzipAndFollowsRedirects() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(html("Zipped", "/moved").getBytes(StandardCharsets.UTF_8));
        }
        wm.stubFor(
                get(urlEqualTo("/zip"))
                        .willReturn(
                                ok().withBody(gz.toByteArray())
                                        .withHeader("Content-Type", "text/html; charset=utf-8")
                                        .withHeader("Content-Encoding", "gzip")));
        wm.stubFor(
                get(urlEqualTo("/moved"))
                        .willReturn(aResponse().withStatus(301).withHeader("Location", "/target")));
        page("/target", "Target");

        Run run = crawl(config().build(), url("/zip"));

        assertThat(((CrawlResult.Fetched) run.sink().byPath().get("/zip")).page().title())
                .isEqualTo("Zipped");
        // The redirect is recorded with where it led; the target is crawled as its own URL.
        CrawlResult.Skipped moved = (CrawlResult.Skipped) run.sink().byPath().get("/moved");
        assertThat(moved.reason()).isEqualTo("redirected (301) to " + url("/target"));
        assertThat(moved.response()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(301));
        CrawlResult.Fetched target = (CrawlResult.Fetched) run.sink().byPath().get("/target");
        assertThat(target.page().title()).isEqualTo("Target");
        assertThat(target.request().redirects()).isEqualTo(1);
        assertThat(target.request().parent())
                .hasValueSatisfying(p -> assertThat(p.getPath()).isEqualTo("/moved"));
        assertThat(target.request().depth()).isEqualTo(moved.request().depth());
    }

    @Test
    void redirectLoopEndsAtTheFirstRepeatedUrl() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/loop1"))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop2")));
        wm.stubFor(
                get(urlEqualTo("/loop2"))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop1")));

        Run run = crawl(config().build(), url("/loop1"));

        assertThat(((CrawlResult.Skipped) run.sink().byPath().get("/loop2")).reason())
                .isEqualTo("redirected (302) to " + url("/loop1") + ", not followed: duplicate");
        wm.verify(1, getRequestedFor(urlEqualTo("/loop1")));
        wm.verify(1, getRequestedFor(urlEqualTo("/loop2")));
    }

    @Test
    void aLongRedirectChainStopsAtTheHopLimit() throws Exception {
        for (int i = 0; i < 10; i++) {
            wm.stubFor(
                    get(urlEqualTo("/hop" + i))
                            .willReturn(
                                    aResponse()
                                            .withStatus(301)
                                            .withHeader("Location", "/hop" + (i + 1))));
        }

        Run run = crawl(config().maxRedirects(3).build(), url("/hop0"));

        CrawlResult.Failed last = (CrawlResult.Failed) run.sink().byPath().get("/hop3");
        assertThat(last.error()).startsWith("too many redirects (more than 3)");
        assertThat(run.summary().admitted()).isEqualTo(4);
        wm.verify(0, getRequestedFor(urlEqualTo("/hop4")));
    }

    @Test
    void aRedirectOffTheSeedsHostsIsRecordedAndNotFollowed() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/away"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Location", "http://elsewhere.invalid/x")));

        Run run = crawl(config().build(), url("/away"));

        assertThat(((CrawlResult.Skipped) run.sink().byPath().get("/away")).reason())
                .isEqualTo(
                        "redirected (302) to http://elsewhere.invalid/x, not followed: off-host");
    }
}
