package dev.crawler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of settings is the one description of each: these pin that everything follows it. */
class SettingsTest {
    @TempDir Path dir;

    @Test
    void everyComponentOfTheConfigurationHasExactlyOneSetting() {
        // each group record has one setting per component, in order; the frontier choice three
        Map<Class<? extends Record>, List<Setting<?>>> groups =
                Map.of(
                        EngineSettings.class, EngineSettings.SETTINGS,
                        ScopeSettings.class, ScopeSettings.SETTINGS,
                        RetrySettings.class, RetrySettings.SETTINGS,
                        FetchSettings.class, FetchSettings.SETTINGS,
                        PolitenessSettings.class, PolitenessSettings.SETTINGS,
                        RequestSettings.class, RequestSettings.SETTINGS,
                        OutputSettings.class, OutputSettings.SETTINGS);
        int components = 0;
        for (var group : groups.entrySet()) {
            var fields = group.getKey().getRecordComponents();
            assertThat(group.getValue()).as(group.getKey().getSimpleName()).hasSize(fields.length);
            for (int i = 0; i < fields.length; i++) {
                String key = group.getValue().get(i).key();
                assertThat(key.replace("-", ""))
                        .as("component %d of %s", i, group.getKey().getSimpleName())
                        .isIn(
                                fields[i].getName().toLowerCase(java.util.Locale.ROOT),
                                "rate",
                                "auth");
            }
            components += fields.length;
        }
        assertThat(CrawlConfig.class.getRecordComponents()).hasSize(groups.size() + 1);
        assertThat(Settings.all()).hasSize(components + 3); // frontier, crawl-name, lease-time
        Set<String> keys = new HashSet<>();
        for (Setting<?> s : Settings.all()) {
            assertThat(keys.add(s.key())).as("%s listed once", s.key()).isTrue();
            assertThat(s.key()).matches("[a-z]+(-[a-z]+)*");
            assertThat(s.help()).as("%s has help", s.key()).isNotBlank();
            assertThat(s.summary()).as("%s's summary", s.key()).endsWith(".");
            assertThat(s.accepts()).isNotBlank();
        }
    }

    @Test
    void eachSettingReadsAndPrintsItsOwnComponent() throws Exception {
        // a configuration whose every value differs from the default prints each key's own value
        CrawlConfig changed =
                CrawlConfig.builder()
                        .workers(9)
                        .maxWorkers(11)
                        .maxPagesPerHost(77)
                        .hostDelay(java.time.Duration.ofMillis(1))
                        .frontier("redis://127.0.0.1:1/0")
                        .crawlName("elsewhere")
                        .build();
        String yaml = ConfigFile.toYaml(changed);
        assertThat(yaml)
                .contains("workers: 9\n", "max-workers: 11\n", "max-pages-per-host: 77\n")
                .contains("host-delay: 1ms\n", "crawl-name: \"elsewhere\"\n");
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        assertThat(ConfigFile.load(file).build()).isEqualTo(changed);
    }

    @Test
    void aRangeIsTheSameForTheLibraryAndTheFile() throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "max-links-per-page: 0\n");
        assertThatThrownBy(() -> ConfigFile.load(file))
                .hasMessageContaining("key 'max-links-per-page'")
                .hasMessageContaining("must be from 1 to 1000000: 0");
        assertThatThrownBy(() -> CrawlConfig.builder().maxLinksPerPage(0).build())
                .hasMessage("max-links-per-page must be from 1 to 1000000: 0");
        assertThat(Settings.named("max-links-per-page").orElseThrow().accepts())
                .isEqualTo("an integer from 1 to 1000000");
    }

    @Test
    void sizesAndDurationsAreShownTheHumanWayInMessages() {
        assertThatThrownBy(() -> CrawlConfig.builder().maxBodySize(2L << 30).build())
                .hasMessage("max-body-size must be at most 1GiB: 2GiB");
        assertThatThrownBy(
                        () ->
                                CrawlConfig.builder()
                                        .leaseTime(java.time.Duration.ofMillis(500))
                                        .build())
                .hasMessage("lease-time must be at least 1s: 500ms");
        assertThatThrownBy(
                        () ->
                                CrawlConfig.builder()
                                        .hostDelay(java.time.Duration.ofSeconds(90))
                                        .build())
                .hasMessage("max-host-delay (1m) must not be shorter than host-delay (90s)");
    }

    @Test
    void theDefaultsAreTheTables() {
        CrawlConfig defaults = CrawlConfig.defaults();
        for (Setting<?> s : Settings.all()) {
            assertThat(s.show(defaults)).as(s.key()).isEqualTo(s.defaultText());
        }
        assertThat(Settings.named("workers").orElseThrow().defaultText()).isEqualTo("5");
        assertThat(Settings.named("no-such-key")).isEmpty();
    }
}
