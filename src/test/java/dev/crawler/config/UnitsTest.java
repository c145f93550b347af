package dev.crawler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({
        "500ms, 500",
        "0, 0",
        "1.5s, 1500",
        "10s, 10000",
        "2m, 120000",
        "1h, 3600000",
        "PT5S, 5000",
        "' 3 s ', 3000",
        "0s, 0"
    })
    void parsesDurations(String text, long millis) {
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "ten seconds", "5 parsecs", "-1s", "1..2s", "PTXS"})
    void rejectsBadDurationsWithTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Units.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("500ms");
    }

    @ParameterizedTest
    @CsvSource({
        "10MiB, 10485760",
        "64KB, 64000",
        "512KiB, 524288",
        "1GiB, 1073741824",
        "123, 123",
        "1.5KiB, 1536"
    })
    void parsesSizes(String text, long bytes) {
        assertThat(Units.parseSize(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "10 MiBs", "-5MB"})
    void rejectsBadSizes(String text) {
        assertThatThrownBy(() -> Units.parseSize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10MiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "10s", "2m", "1h", "1d"})
    void formatsDurationsAsItParsesThem(String text) {
        assertThat(Units.formatDuration(Units.parseDuration(text))).isEqualTo(text);
    }
}
