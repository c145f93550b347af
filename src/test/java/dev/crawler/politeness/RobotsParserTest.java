package dev.crawler.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotsParserTest {
    private static final URI ROBOTS = URI.create("http://example.com/robots.txt");

    private static RobotsRules parse(String agent, String robots) {
        return new RobotsParser(agent)
                .parse(ROBOTS, robots.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @Test
    void picksOurGroupOverTheWildcard() {
        RobotsRules r =
                parse(
                        "jvm-crawler",
                        """
                User-agent: *
                Disallow: /

                User-agent: jvm-crawler
                Disallow: /private
                Allow: /private/ok
                Crawl-delay: 2.5
                Sitemap: http://example.com/sitemap.xml
                """);
        assertThat(r.allows(URI.create("http://example.com/public"))).isTrue();
        assertThat(r.allows(URI.create("http://example.com/private/x"))).isFalse();
        assertThat(r.allows(URI.create("http://example.com/private/ok/y")))
                .isTrue(); // longest match wins
        assertThat(r.crawlDelay()).contains(Duration.ofMillis(2500));
        assertThat(r.sitemaps()).containsExactly("http://example.com/sitemap.xml");
    }

    @Test
    void otherAgentsGetTheWildcardGroup() {
        RobotsRules r =
                parse(
                        "other-bot",
                        "User-agent: jvm-crawler\nDisallow:\n\nUser-agent: *\nDisallow: /\n");
        assertThat(r.allows(URI.create("http://example.com/x"))).isFalse();
        assertThat(r.crawlDelay()).isEmpty();
    }

    @Test
    void garbageAllowsEverything() {
        RobotsRules r = parse("jvm-crawler", "<html>not robots</html>\n\u0000\u0001");
        assertThat(r.allows(URI.create("http://example.com/anything"))).isTrue();
    }

    @Test
    void hostKeysAreOrigins() {
        assertThat(HostKey.of(URI.create("http://Example.com/a")))
                .isEqualTo("http://example.com:80");
        assertThat(HostKey.of(URI.create("https://example.com:8443/a")))
                .isEqualTo("https://example.com:8443");
        assertThat(HostKey.robotsUrl(URI.create("https://example.com:443/a/b?q")))
                .isEqualTo(URI.create("https://example.com/robots.txt"));
        assertThat(HostKey.robotsUrl(URI.create("http://127.0.0.1:8080/a")))
                .isEqualTo(URI.create("http://127.0.0.1:8080/robots.txt"));
    }
}
