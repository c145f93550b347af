package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.ConfigFile;
import dev.crawler.config.CrawlConfig;
import dev.crawler.testing.CrawlTester;
import dev.crawler.testing.TestCrawl;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Headers for the crawl and per host, and a cookie jar, as the server sees them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestHeadersTest {
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

    @Test
    void credentialsGoToTheirHostOnlyAndAreNeverPrinted() throws Exception {
        String elsewhere = "http://127.0.0.1:" + other.getPort() + "/x";
        TestCrawls.page(wm, "/", "root", elsewhere);
        TestCrawls.page(other, "/x", "x");
        Map<String, String> auth =
                dev.crawler.config.HostAuth.parse(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree("{\"LOCALHOST\": {\"basic\": \"alice:${PW}\"}}"),
                        name -> name.equals("PW") ? "s3cret" : null);
        TestCrawl run =
                CrawlTester.create()
                        .config(c -> c.sameHost(false).respectRobots(true).hostAuth(auth))
                        .crawl(wm.url("/"));
        run.assertFetched("/").assertFetched("/x");
        String basic =
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        "alice:s3cret"
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        wm.verify(getRequestedFor(urlEqualTo("/")).withHeader("Authorization", equalTo(basic)));
        wm.verify(
                getRequestedFor(urlEqualTo("/robots.txt"))
                        .withHeader("Authorization", equalTo(basic)));
        other.verify(getRequestedFor(urlEqualTo("/x")).withHeader("Authorization", absent()));
        other.verify(
                getRequestedFor(urlEqualTo("/robots.txt")).withHeader("Authorization", absent()));
        String printed = ConfigFile.toYaml(CrawlConfig.builder().hostAuth(auth).build());
        assertThat(printed)
                .contains("auth: {\"localhost\": {basic: \"***\"}}")
                .doesNotContain("s3cret");
        assertThat(printed).doesNotContain(basic.substring(6));
    }

    @Test
    void aRequestsOwnHeadersGoWithItAndItsSameHostRedirectOnly() throws Exception {
        String elsewhere = "http://127.0.0.1:" + other.getPort() + "/away";
        TestCrawls.page(wm, "/", "root", "/api");
        wm.stubFor(
                get(urlEqualTo("/api"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<a href=\"/moved\">m</a>")));
        wm.stubFor(
                get(urlEqualTo("/moved"))
                        .willReturn(aResponse().withStatus(301).withHeader("Location", "/there")));
        TestCrawls.page(wm, "/there", "there", elsewhere);
        wm.stubFor(
                get(urlEqualTo("/hop"))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere)));
        TestCrawls.page(other, "/away", "away");
        TestCrawl run =
                CrawlTester.create()
                        .config(c -> c.sameHost(false).headers(Map.of("Accept-Language", "de")))
                        .route(
                                "ROOT",
                                page ->
                                        page.follow(
                                                "/api",
                                                dev.crawler.request.LinkTag.label("API")
                                                        .withHeaders(
                                                                Map.of(
                                                                        "Accept",
                                                                        "application/json",
                                                                        "Authorization",
                                                                        "Bearer t0ken"))))
                        .route(
                                "API",
                                page ->
                                        page.follow(
                                                "/moved",
                                                dev.crawler.request.LinkTag.NONE.withHeaders(
                                                        Map.of("X-Mine", "1"))))
                        .handler(
                                page ->
                                        page.follow(
                                                "/hop",
                                                dev.crawler.request.LinkTag.NONE.withHeaders(
                                                        Map.of("X-Mine", "2"))))
                        .crawl(
                                dev.crawler.seed.Seed.of(wm.url("/"))
                                        .label("ROOT")
                                        .headers(Map.of("X-Seed", "s")));
        run.assertFetched("/").assertFetched("/api").assertFetched("/there");
        wm.verify(getRequestedFor(urlEqualTo("/")).withHeader("X-Seed", equalTo("s")));
        wm.verify(
                getRequestedFor(urlEqualTo("/api"))
                        .withHeader("Accept", equalTo("application/json"))
                        .withHeader("Accept-Language", equalTo("de"))
                        .withHeader("Authorization", equalTo("Bearer t0ken"))
                        .withHeader("X-Seed", absent())); // not inherited from the page
        wm.verify(getRequestedFor(urlEqualTo("/moved")).withHeader("X-Mine", equalTo("1")));
        // a redirect to the same host keeps them, one to another host drops them
        wm.verify(getRequestedFor(urlEqualTo("/there")).withHeader("X-Mine", equalTo("1")));
        other.verify(getRequestedFor(urlEqualTo("/away")).withHeader("X-Mine", absent()));
    }

    @Test
    void seedLinesCarryHeadersAndABadOneIsReportedWithItsLine() {
        var ok =
                new dev.crawler.seed.SeedLine(
                                "seeds.txt:1", "http://a.example/\theader:Accept-Language=de\tk=v")
                        .parse();
        assertThat(ok)
                .isEqualTo(
                        new dev.crawler.seed.SeedLine.Valid(
                                dev.crawler.seed.Seed.of("http://a.example/")
                                        .headers(Map.of("Accept-Language", "de"))
                                        .userData(Map.of("k", "v"))));
        var bad =
                new dev.crawler.seed.SeedLine("seeds.txt:2", "http://a.example/\theader:Host=x")
                        .parse();
        assertThat(bad).isInstanceOf(dev.crawler.seed.SeedLine.BadFields.class);
        assertThatThrownBy(
                        () ->
                                dev.crawler.request.LinkTag.NONE.withHeaders(
                                        Map.of("User-Agent", "me")))
                .hasMessageContaining("User-Agent");
    }

    @Test
    void aCookieGoesBackToItsHostOnly() throws Exception {
        String elsewhere = "http://127.0.0.1:" + other.getPort() + "/y";
        wm.stubFor(
                get(urlEqualTo("/set"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withHeader("Set-Cookie", "mine=1; Path=/")
                                        .withBody(
                                                "<a href=\"/back\">b</a><a href=\""
                                                        + elsewhere
                                                        + "\">e</a>")));
        TestCrawls.page(wm, "/back", "back");
        TestCrawls.page(other, "/y", "y");
        CrawlTester.create()
                .config(c -> c.sameHost(false))
                .crawl(wm.url("/set"))
                .assertFetched("/back")
                .assertFetched("/y");
        wm.verify(
                getRequestedFor(urlEqualTo("/back"))
                        .withHeader(
                                "Cookie",
                                com.github.tomakehurst.wiremock.client.WireMock.containing(
                                        "mine=1")));
        other.verify(getRequestedFor(urlEqualTo("/y")).withHeader("Cookie", absent()));
    }

    @Test
    void badCredentialsAreNamedBeforeAnyRequest() {
        com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();
        assertThatThrownBy(
                        () ->
                                dev.crawler.config.HostAuth.parse(
                                        json.readTree("{\"a.example\": {\"bearer\": \"${NOPE}\"}}"),
                                        name -> null))
                .hasMessage("a.example: environment variable NOPE is not set");
        assertThatThrownBy(
                        () ->
                                dev.crawler.config.HostAuth.parse(
                                        json.readTree("{\"a.example\": {\"digest\": \"x\"}}"),
                                        name -> null))
                .hasMessageContaining("unknown scheme 'digest'");
        assertThatThrownBy(
                        () ->
                                dev.crawler.config.HostAuth.parse(
                                        json.readTree("{\"a.example\": {\"basic\": \"nocolon\"}}"),
                                        name -> null))
                .hasMessageContaining("USER:PASSWORD");
    }

    @Test
    void crawlHeadersGoEverywhereAndHostHeadersOnlyToTheirHost() throws Exception {
        String elsewhere = "http://127.0.0.1:" + other.getPort() + "/x";
        TestCrawls.page(wm, "/", "root", elsewhere);
        TestCrawls.page(other, "/x", "x");
        TestCrawl run =
                CrawlTester.create()
                        .config(
                                c ->
                                        c.sameHost(false)
                                                .headers(
                                                        Map.of(
                                                                "Accept-Language", "de",
                                                                "Accept", "text/html"))
                                                .hostHeaders(
                                                        Map.of(
                                                                "localhost",
                                                                Map.of("X-Token", "t1"))))
                        .crawl(wm.url("/"));
        run.assertFetched("/").assertFetched("/x");
        wm.verify(
                getRequestedFor(urlEqualTo("/"))
                        .withHeader("Accept-Language", equalTo("de"))
                        .withHeader("Accept", equalTo("text/html")) // replaces ours, not added
                        .withHeader("X-Token", equalTo("t1")));
        other.verify(
                getRequestedFor(urlEqualTo("/x"))
                        .withHeader("Accept-Language", equalTo("de"))
                        .withHeader("X-Token", absent()));
    }

    @Test
    void cookiesSetOnARedirectAreSentBackAndCanBeTurnedOff() throws Exception {
        wm.stubFor(
                get(urlEqualTo("/login"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Set-Cookie", "session=abc; Path=/")
                                        .withHeader("Location", "/private")));
        TestCrawls.page(wm, "/private", "private");
        CrawlTester.create().crawl(wm.url("/login")).assertFetched("/private");
        wm.verify(
                getRequestedFor(urlEqualTo("/private"))
                        .withHeader("Cookie", equalTo("session=abc")));

        wm.resetRequests();
        CrawlTester.create().config(c -> c.cookies(false)).crawl(wm.url("/login"));
        wm.verify(getRequestedFor(urlEqualTo("/private")).withHeader("Cookie", absent()));
    }

    @Test
    void headersTheClientRefusesOrTheCrawlerSetsAreNamedAtStart() {
        assertThatThrownBy(() -> CrawlConfig.builder().headers(Map.of("Host", "x")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "headers: header 'Host' cannot be sent by the JDK's HTTP client");
        assertThatThrownBy(() -> CrawlConfig.builder().headers(Map.of("User-Agent", "x")).build())
                .hasMessageContaining("use user-agent");
        assertThatThrownBy(
                        () ->
                                CrawlConfig.builder()
                                        .hostHeaders(
                                                Map.of("a.test", Map.of("Connection", "close")))
                                        .build())
                .hasMessageContaining("host-headers: a.test: header 'Connection'");
    }

    @Test
    void secretHeadersPrintAsStars() {
        String yaml =
                ConfigFile.toYaml(
                        CrawlConfig.builder()
                                .headers(Map.of("Authorization", "Bearer s3cret"))
                                .hostHeaders(Map.of("a.test", Map.of("Cookie", "id=s3cret")))
                                .build());
        assertThat(yaml).contains("headers: {\"Authorization\": \"***\"}").doesNotContain("s3cret");
    }
}
