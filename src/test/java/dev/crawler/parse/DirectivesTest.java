package dev.crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectivesTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "noindex | true | false",
                "NOFOLLOW | false | true",
                "noindex, nofollow | true | true",
                "none | true | true",
                "all | false | false",
                "index, follow, noarchive | false | false",
                "googlebot: noindex | true | false"
            })
    void readsDirectiveLists(String value, boolean noindex, boolean nofollow) {
        assertThat(Directives.parse(value)).isEqualTo(new Directives(noindex, nofollow));
    }

    @org.junit.jupiter.api.Test
    void combinesHeaderValues() {
        assertThat(Directives.fromHeaders(List.of("noindex", "nofollow")))
                .isEqualTo(new Directives(true, true));
        assertThat(Directives.fromHeaders(List.of())).isEqualTo(Directives.NONE);
    }
}
