package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jar's handler: the JDK's rules, and no work on a site that sets no cookie. */
class CookieJarTest {
    private static final URI PAGE = URI.create("http://shop.test/cart");

    @Test
    void sendsWhatASetCookieStoredAndNothingBefore() throws Exception {
        CookieJar jar = new CookieJar();
        CookieHandler handler = jar.handler();
        assertThat(handler.get(PAGE, Map.of())).doesNotContainKey("Cookie");

        handler.put(PAGE, Map.of("Content-Type", List.of("text/html")));
        assertThat(jar.cookies()).isEmpty();
        assertThat(jar.takeChanged()).isFalse();

        handler.put(PAGE, Map.of("set-cookie", List.of("sid=42; Path=/")));
        assertThat(jar.takeChanged()).isTrue();
        assertThat(handler.get(PAGE, Map.of())).containsEntry("Cookie", List.of("sid=42"));
        assertThat(handler.get(URI.create("http://other.test/"), Map.of()).get("Cookie"))
                .isNullOrEmpty();
    }

    @Test
    void aLoadedCookieIsSentFromTheFirstRequest() {
        CookieJar jar = new CookieJar();
        jar.load("shop.test\tFALSE\t/\tFALSE\t0\tsid\t7\n", "cookies.txt");
        assertThat(jar.handler())
                .satisfies(
                        h ->
                                assertThat(h.get(PAGE, Map.of()))
                                        .containsEntry("Cookie", List.of("sid=7")));
    }
}
