package dev.crawler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.crawler.config.ConfigFile;
import dev.crawler.config.CrawlConfig;
import dev.crawler.config.LoginSpec;
import dev.crawler.sink.CrawlResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The form login of {@code login:}, run before the crawl, its cookie then on every request. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoginTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;

    @BeforeEach
    void site() {
        wm.stubFor(
                get(urlEqualTo("/login"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody(
                                                "<form method=post action=/session>"
                                                        + "<input type=hidden name=csrf value=c1>"
                                                        + "<input name=user><input name=pass>"
                                                        + "</form>")));
        wm.stubFor(
                post(urlEqualTo("/session"))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", "/login")));
        wm.stubFor(
                post(urlEqualTo("/session"))
                        .withRequestBody(equalTo("csrf=c1&user=alice&pass=right"))
                        .willReturn(
                                aResponse()
                                        .withStatus(303)
                                        .withHeader("Set-Cookie", "sid=7; Path=/")
                                        .withHeader("Location", "/home")));
        wm.stubFor(
                get(urlEqualTo("/home"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<a class=logout href=/out>log out</a>")));
        wm.stubFor(get(urlEqualTo("/members")).willReturn(aResponse().withStatus(403)));
        wm.stubFor(
                get(urlEqualTo("/members"))
                        .withHeader("Cookie", containing("sid=7"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody("<title>members</title>")));
    }

    private CrawlConfig config(String password) {
        return CrawlConfig.builder()
                .respectRobots(false)
                .hostDelay(Duration.ZERO)
                .maxAttempts(1)
                .login(
                        Optional.of(
                                new LoginSpec(
                                        wm.url("/login"),
                                        "form",
                                        Map.of("user", "alice", "pass", password),
                                        "a.logout")))
                .build();
    }

    @Test
    void theCrawlLogsInFirstAndItsPagesGetTheSessionCookie() throws Exception {
        CollectingSink sink = new CollectingSink();
        try (Crawler c =
                Crawler.builder()
                        .config(config("right"))
                        .seeds(wm.url("/members"))
                        .sink(sink)
                        .build()) {
            c.run();
        }
        assertThat(sink.byPath().get("/members")).isInstanceOf(CrawlResult.Fetched.class);
    }

    @Test
    void aFailedLoginStopsTheCrawlBeforeAnyPage() throws Exception {
        CollectingSink sink = new CollectingSink();
        CrawlFailedException e;
        try (Crawler c =
                Crawler.builder()
                        .config(config("wrong"))
                        .seeds(wm.url("/members"))
                        .sink(sink)
                        .build()) {
            e = catchThrowableOfType(CrawlFailedException.class, c::run);
        }
        assertThat(e).isNotNull();
        assertThat(e.summary().error().orElseThrow())
                .startsWith("login failed: the page after it")
                .contains("does not match 'a.logout'");
        wm.verify(0, getRequestedFor(urlEqualTo("/members")));
    }

    @Test
    void theConfigFileTakesTheLoginWithSecretsFromTheEnvironmentAndPrintsThemAsStars()
            throws Exception {
        Path yaml = dir.resolve("c.yaml");
        Files.writeString(
                yaml,
                "login:\n  url: http://127.0.0.1:1/login\n  fields: {user: alice, pass: s3cr3t}\n"
                        + "  success: a.logout\n");
        CrawlConfig c = ConfigFile.load(yaml).build();
        assertThat(c.requests().login().orElseThrow().fields()).containsEntry("pass", "s3cr3t");
        assertThat(c.requests().login().get().form()).isEqualTo("form");
        String printed = ConfigFile.toYaml(c);
        assertThat(printed).contains("\"pass\": \"***\"").doesNotContain("s3cr3t");
        Files.writeString(yaml, "login:\n  url: http://x/\n  succes: a\n");
        assertThat(
                        catchThrowableOfType(
                                dev.crawler.config.ConfigException.class,
                                () -> ConfigFile.load(yaml)))
                .hasMessageContaining("unknown key 'succes'");
    }
}
