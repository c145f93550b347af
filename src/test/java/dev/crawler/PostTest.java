package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.request.LinkTag;
import dev.crawler.seed.RequestBody;
import dev.crawler.seed.Seed;
import dev.crawler.seed.SeedLine;
import dev.crawler.testing.CrawlTester;
import dev.crawler.testing.TestCrawl;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST requests: from seeds, from a handler, by submitting a page's form; deduplicated on body. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    private static void html(String path, String body) {
        wm.stubFor(
                get(urlPathEqualTo(path))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody(body)));
    }

    @Test
    void postsAreDeduplicatedOnTheirBodyAndAGetOfTheUrlIsAnotherRequest() throws Exception {
        wm.stubFor(
                post(urlEqualTo("/search"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>results</title>")));
        html("/search", "<title>search</title>");
        String url = wm.url("/search");
        TestCrawl run =
                CrawlTester.create()
                        .crawl(
                                Seed.of(url).post(RequestBody.form(Map.of("q", "books"))),
                                Seed.of(url).post(RequestBody.form(Map.of("q", "films"))),
                                Seed.of(url).post(RequestBody.form(Map.of("q", "books"))),
                                Seed.of(url).post(RequestBody.json("{\"q\":\"x\"}")),
                                Seed.of(url));
        assertThat(run.summary().fetched()).isEqualTo(4);
        assertThat(run.summary().rejected()).containsEntry("duplicate", 1L);
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/search"))
                        .withRequestBody(equalTo("q=books"))
                        .withHeader("Content-Type", equalTo(RequestBody.FORM)));
        wm.verify(1, postRequestedFor(urlEqualTo("/search")).withRequestBody(equalTo("q=films")));
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/search"))
                        .withHeader("Content-Type", equalTo("application/json")));
        wm.verify(1, getRequestedFor(urlEqualTo("/search")));
    }

    @Test
    void aHandlerLogsInThroughThePagesFormAndTheCookieOpensTheAccount() throws Exception {
        html(
                "/",
                "<title>home</title><form id=login method=post action=/login>"
                        + "<input type=hidden name=csrf value=t0k>"
                        + "<input name=user><input type=password name=pass>"
                        + "<input type=checkbox name=remember checked>"
                        + "<input type=checkbox name=newsletter>"
                        + "<select name=lang><option value=en>English<option value=de selected>Deutsch</select>"
                        + "<input type=submit name=go value=Go><input type=submit name=alt value=Alt>"
                        + "</form>"
                        + "<form id=find action=/find><input name=q value=x></form>");
        wm.stubFor(
                post(urlEqualTo("/login"))
                        .withRequestBody(
                                equalTo(
                                        "csrf=t0k&user=alice&pass=s%26cret&remember=on&lang=de&go=Go"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Set-Cookie", "sid=42; Path=/")
                                        .withHeader("Location", "/account")));
        wm.stubFor(get(urlEqualTo("/account")).willReturn(aResponse().withStatus(403)));
        wm.stubFor(
                get(urlEqualTo("/account"))
                        .withHeader("Cookie", containing("sid=42"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>account</title>")));
        html("/find", "<title>found</title>");
        TestCrawl run =
                CrawlTester.create()
                        .route(
                                "HOME",
                                page -> {
                                    page.submitForm(
                                            "#login",
                                            Map.of("user", "alice", "pass", "s&cret"),
                                            LinkTag.NONE);
                                    page.submitForm("#find", Map.of("q", "books"), LinkTag.NONE);
                                    page.skipLinks();
                                })
                        .crawl(Seed.of(wm.url("/")).label("HOME"));
        run.assertFetched("/account").assertFetched("/find?q=books");
        wm.verify(postRequestedFor(urlEqualTo("/login")));
        wm.verify(getRequestedFor(urlEqualTo("/find?q=books")));
    }

    @Test
    void a307KeepsThePostAndA303FollowsWithAGet() throws Exception {
        wm.stubFor(
                post(urlEqualTo("/old"))
                        .willReturn(aResponse().withStatus(307).withHeader("Location", "/new")));
        wm.stubFor(
                post(urlEqualTo("/new"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>new</title>")));
        wm.stubFor(
                post(urlEqualTo("/done"))
                        .willReturn(aResponse().withStatus(303).withHeader("Location", "/thanks")));
        html("/thanks", "<title>thanks</title>");
        CrawlTester.create()
                .crawl(
                        Seed.of(wm.url("/old")).post(RequestBody.form(Map.of("k", "v"))),
                        Seed.of(wm.url("/done")).post(RequestBody.form(Map.of("k", "w"))))
                .assertFetched("/new")
                .assertFetched("/thanks");
        wm.verify(postRequestedFor(urlEqualTo("/new")).withRequestBody(equalTo("k=v")));
        wm.verify(getRequestedFor(urlEqualTo("/thanks")));
    }

    @Test
    void seedLinesPostFormsAndJson() {
        assertThat(new SeedLine("s:1", "http://a.example/s\tform:q=a b\tform:page=2").parse())
                .isEqualTo(
                        new SeedLine.Valid(
                                Seed.of("http://a.example/s")
                                        .post(
                                                RequestBody.form(
                                                        new java.util.LinkedHashMap<>(
                                                                Map.of("q", "a b")) {
                                                            {
                                                                put("page", "2");
                                                            }
                                                        }))));
        assertThat(new SeedLine("s:2", "http://a.example/api\tjson={\"id\":1}").parse())
                .isEqualTo(
                        new SeedLine.Valid(
                                Seed.of("http://a.example/api")
                                        .post(RequestBody.json("{\"id\":1}"))));
        assertThat(new SeedLine("s:3", "http://a.example/\tform:a=1\tjson={}").parse())
                .isInstanceOf(SeedLine.BadFields.class);
    }
}
