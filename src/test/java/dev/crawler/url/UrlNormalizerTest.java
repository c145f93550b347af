package dev.crawler.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();

    @ParameterizedTest
    @CsvSource({
        "http://example.com/a#frag, http://example.com/a",
        "HTTP://EXAMPLE.com/A, http://example.com/A",
        "http://example.com:80/a, http://example.com/a",
        "https://example.com:443/a, https://example.com/a",
        "http://example.com:8080/a, http://example.com:8080/a",
        "http://example.com/a/./b/../c, http://example.com/a/c",
        "http://example.com, http://example.com/",
        "'  http://example.com/x  ', http://example.com/x",
        "http://example.com/p?, http://example.com/p",
        "http://example.com/p?b=2&a=1, http://example.com/p?a=1&b=2",
        "http://example.com/%7euser/%2fx, http://example.com/~user/%2Fx",
        "http://example.com/p?PHPSESSID=9&a=1&sid=x, http://example.com/p?a=1",
        "http://example.com/p;jsessionid=ABC123?x=1, http://example.com/p?x=1"
    })
    void normalizes(String raw, String expected) {
        assertThat(normalizer.normalize(raw))
                .isEqualTo(new UrlNormalizer.Valid(java.net.URI.create(expected)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mailto:a@example.com",
                "javascript:void(0)",
                "ftp://example.com/f",
                "data:text/plain,hi",
                "file:///etc/passwd"
            })
    void rejectsOtherSchemes(String raw) {
        assertThat(normalizer.normalize(raw))
                .isInstanceOfSatisfying(
                        UrlNormalizer.Invalid.class,
                        i -> assertThat(i.reason()).isEqualTo(Rejection.UNSUPPORTED_SCHEME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "/relative/path", "http://", "http:///nohost", "://x"})
    void rejectsMalformed(String raw) {
        assertThat(normalizer.normalize(raw))
                .isInstanceOfSatisfying(
                        UrlNormalizer.Invalid.class,
                        i -> assertThat(i.reason()).isEqualTo(Rejection.MALFORMED));
    }

    /**
     * The fast path may only accept what the full normalizer leaves as it is: a million random URLs
     * from an alphabet of the characters that matter (case, dots, slashes, ports, queries, escapes,
     * session ids), with a fixed seed.
     */
    @Test
    void theFastPathAcceptsOnlyWhatTheNormalizerLeavesAlone() {
        java.util.Random random = new java.util.Random(42);
        String[] schemes = {"http://", "https://", "HTTP://", "http:/"};
        String[] hosts = {
            "a.com",
            "A.com",
            "a.com.",
            "a..com",
            "-a.com",
            "a-.com",
            "10.0.0.1",
            "x",
            // addresses and what only looks like one: leading zeros, parts out of range or missing
            "127.0.0.1",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.",
            "1..2.3",
            "1.2.3.1000",
            "0.0.0.0"
        };
        String[] ports = {
            "", "", ":80", ":443", ":8080", ":0", ":080", ":65536", ":", ":65535", ":123456", ":9"
        };
        String[] parts = {
            "/",
            "a",
            "B",
            ".",
            "..",
            "-",
            "_",
            "~",
            "%41",
            "%7e",
            "+",
            ";",
            "?",
            "=",
            "&",
            "#",
            "sid",
            "jsessionid",
            "x=1",
            "%20",
            " ",
            "//",
            "./",
            "é"
        };
        String[] safe = {"/", "a", "B", "-", "_", "~", "x.html", "/p", "?x=1", "?sid=1", "/9"};
        int accepted = 0;
        for (int i = 0; i < 1_000_000; i++) {
            StringBuilder b =
                    new StringBuilder(schemes[random.nextInt(schemes.length)])
                            .append(hosts[random.nextInt(hosts.length)])
                            .append(ports[random.nextInt(ports.length)]);
            int len = random.nextInt(8);
            // half the URLs only from the harmless parts, so the fast path is taken often
            String[] from = random.nextBoolean() ? safe : parts;
            if (from == safe) {
                b.append('/');
            }
            for (int k = 0; k < len; k++) {
                b.append(from[random.nextInt(from.length)]);
            }
            String url = b.toString();
            int colon = url.indexOf(':');
            if (!NormalForm.alreadyNormal(url, colon)) {
                continue;
            }
            accepted++;
            assertThat(normalizer.normalizeFully(url))
                    .as(url)
                    .isEqualTo(new UrlNormalizer.Valid(java.net.URI.create(url)));
            assertThat(normalizer.normalize(url)).isEqualTo(normalizer.normalizeFully(url));
        }
        assertThat(accepted).as("the fast path is taken at all").isGreaterThan(10_000);
    }

    /**
     * crawler-commons' normalizer throws on an escaped dot before a query: before, the exception
     * left the link's page failed with "internal error" and its other links unfollowed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"HTTP://a.com/&%2e?.", "http://x.org:8080/%2ex.html/./?B"})
    void aUrlTheLibraryChokesOnIsMalformedNotAnError(String raw) {
        assertThat(normalizer.normalize(raw))
                .isInstanceOfSatisfying(
                        UrlNormalizer.Invalid.class,
                        i -> assertThat(i.reason()).isEqualTo(Rejection.MALFORMED));
    }

    /**
     * Whatever path {@link UrlNormalizer#normalize} takes (the fast path after removing a fragment,
     * an upper-case scheme and dot segments included), it gives what the full normalizer gives: a
     * million random URLs, with a fixed seed.
     */
    @Test
    void everyShortcutAgreesWithTheFullNormalizer() {
        java.util.Random random = new java.util.Random(7);
        String[] schemes = {"http://", "https://", "HTTP://", "Https://"};
        String[] hosts = {"a.com", "A.com", "10.0.0.1", "x.org:8080", "b.net:80"};
        String[] parts = {
            "/", "a", "B", ".", "..", "./", "../", "/./", "/../", "-", "_", "~", "x.html", "#",
            "#f", "?", "?x=1", "=", "&", "%2e", "//", ";", "sid=1"
        };
        int shortcut = 0;
        for (int i = 0; i < 300_000; i++) {
            StringBuilder b =
                    new StringBuilder(schemes[random.nextInt(schemes.length)])
                            .append(hosts[random.nextInt(hosts.length)])
                            .append('/');
            int len = random.nextInt(7);
            for (int k = 0; k < len; k++) {
                b.append(parts[random.nextInt(parts.length)]);
            }
            String url = b.toString();
            int colon = url.indexOf(':');
            if (!NormalForm.alreadyNormal(url, colon)) {
                String scheme = url.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
                String cleaned = NormalForm.preclean(url, scheme);
                if (!cleaned.equals(url) && NormalForm.alreadyNormal(cleaned, colon)) {
                    shortcut++;
                }
            }
            assertThat(normalizer.normalize(url)).as(url).isEqualTo(normalizer.normalizeFully(url));
            java.util.Optional<String> fast = normalizer.fastForm(url);
            if (fast.isPresent()) { // what the frontier checks its seen-set with
                assertThat(normalizer.normalize(url))
                        .as(url)
                        .isEqualTo(new UrlNormalizer.Valid(java.net.URI.create(fast.get())));
            }
        }
        assertThat(shortcut).as("the precleaned fast path is taken at all").isGreaterThan(10_000);
    }
}
