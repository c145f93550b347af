package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exchange as archived: headers in the order they were sent, and not to be changed. */
class RawExchangeTest {
    @Test
    void keepsTheHeadersInTheirOrder() {
        // Before: Map.copyOf, whose order varies from one JVM to the next, so a WARC request record
        // listed Host anywhere among the headers.
        Map<String, List<String>> sent = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (String name :
                List.of(
                        "Host",
                        "User-Agent",
                        "Accept",
                        "Accept-Encoding",
                        "Accept-Language",
                        "Referer",
                        "X-One",
                        "X-Two",
                        "X-Three",
                        "X-Four",
                        "X-Five",
                        "X-Six")) {
            sent.put(name, new ArrayList<>(List.of(name.toLowerCase(java.util.Locale.ROOT))));
            names.add(name);
        }
        RawExchange x =
                new RawExchange(
                        URI.create("http://a.test/"),
                        Instant.EPOCH,
                        "HTTP/1.1",
                        sent,
                        200,
                        sent,
                        new byte[0],
                        new byte[0],
                        false,
                        new SessionRef(0, 0));
        assertThat(new ArrayList<>(x.requestHeaders().keySet())).isEqualTo(names);
        assertThat(new ArrayList<>(x.responseHeaders().keySet())).isEqualTo(names);
        sent.get("Host").add("changed later");
        assertThat(x.requestHeaders().get("Host")).containsExactly("host");
        assertThatThrownBy(() -> x.requestHeaders().put("X", List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
