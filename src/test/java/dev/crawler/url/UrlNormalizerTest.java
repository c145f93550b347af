package dev.crawler.url;

import static org.assertj.core.api.Assertions.assertThat;

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
}
