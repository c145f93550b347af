package dev.crawler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("crawler.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void theShippedDefaultFileMatchesTheBuiltInDefaults() throws Exception {
        CrawlConfig fromFile = ConfigFile.load(Path.of("config/crawler.yaml")).build();
        assertThat(fromFile).isEqualTo(CrawlConfig.defaults());
    }

    @Test
    void theShippedDefaultFileIsTheTableOfSettings() throws Exception {
        String shipped = Files.readString(Path.of("config/crawler.yaml"));
        String made = Settings.template();
        if (!shipped.equals(made)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/crawler.yaml"), made);
        }
        assertThat(shipped)
                .as("config/crawler.yaml is made from Settings: cp target/crawler.yaml config/")
                .isEqualTo(made);
        for (String key : ConfigFile.keyNames()) {
            assertThat(shipped)
                    .as("config/crawler.yaml documents %s", key)
                    .containsPattern("(?m)^#? ?" + key + ":");
        }
    }

    @Test
    void readsValuesWrittenTheHumanWay() throws Exception {
        CrawlConfig c =
                ConfigFile.load(
                                write(
                                        """
                        workers: 64
                        rate: 2.5
                        fetch-timeout: 1500ms
                        max-body-size: 2MiB
                        same-host: false
                        include: ['^https://example\\.org/docs/']
                        exclude: '\\.pdf$'
                        """))
                        .build();
        assertThat(c.engine().workers()).isEqualTo(64);
        assertThat(c.engine().maxRequestsPerSecond()).isEqualTo(2.5);
        assertThat(c.fetch().fetchTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.fetch().maxBodySize()).isEqualTo(2L << 20);
        assertThat(c.scope().sameHost()).isFalse();
        assertThat(c.scope().include()).containsExactly("^https://example\\.org/docs/");
        assertThat(c.scope().exclude()).containsExactly("\\.pdf$");
    }

    @Test
    void namesAnUnknownKey() throws Exception {
        Path file = write("wokers: 5\n");
        assertThatThrownBy(() -> ConfigFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'wokers'")
                .hasMessageContaining("workers");
    }

    @Test
    void aTypoGetsADidYouMeanAndALineNumber() throws Exception {
        Path file = write("# a comment\nworkers: 5\nmax-dept: 3\n");
        assertThatThrownBy(() -> ConfigFile.load(file))
                .hasMessageStartingWith(
                        file + ":3: unknown key 'max-dept' (did you mean 'max-depth'?)");
        assertThatThrownBy(() -> ConfigFile.load(write("\nmax-pages: -1\n")))
                .hasMessageContaining(":2: key 'max-pages'");
        assertThat(ConfigFile.nearest("colour")).isEmpty(); // nothing close: no guess
    }

    @Test
    void messagesUseKeyNamesNotJavaFieldsOrLongMaxValue() {
        assertThatThrownBy(() -> CrawlConfig.builder().maxPagesPerHost(-1).build())
                .hasMessage("max-pages-per-host must be 0 or more: -1");
        assertThatThrownBy(() -> CrawlConfig.builder().queueCapacity(0).build())
                .hasMessage("queue-capacity must be from 1 to 10000000: 0");
    }

    @Test
    void namesTheKeyAndRangeOfABadValue() throws Exception {
        assertThatThrownBy(() -> ConfigFile.load(write("workers: 0\n")))
                .hasMessageContaining("key 'workers'")
                .hasMessageContaining("from 1 to 100000");
        assertThatThrownBy(() -> ConfigFile.load(write("workers: many\n")))
                .hasMessageContaining("key 'workers'")
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> ConfigFile.load(write("fetch-timeout: soon\n")))
                .hasMessageContaining("key 'fetch-timeout'")
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ConfigFile.load(write("same-host: maybe\n")))
                .hasMessageContaining("key 'same-host'");
        assertThatThrownBy(() -> ConfigFile.load(write("workers: [1, 2]\n")))
                .hasMessageContaining("key 'workers'")
                .hasMessageContaining("a list");
        assertThatThrownBy(() -> ConfigFile.load(write("include: ['(unclosed']\n")))
                .hasMessageContaining("key 'include'")
                .hasMessageContaining("regular expression");
    }

    @Test
    void rejectsFilesThatAreNotAMapping() throws Exception {
        assertThatThrownBy(() -> ConfigFile.load(write("- a\n- b\n")))
                .hasMessageContaining("mapping");
        assertThatThrownBy(() -> ConfigFile.load(write("workers: [\n")))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("no such");
        assertThatThrownBy(() -> ConfigFile.load(dir)).hasMessageContaining("directory");
    }

    @Test
    void anEmptyFileChangesNothing() throws Exception {
        assertThat(ConfigFile.load(write("")).build()).isEqualTo(CrawlConfig.defaults());
    }

    @Test
    void printedConfigurationReadsBackToTheSameValues() throws Exception {
        CrawlConfig original =
                CrawlConfig.builder()
                        .workers(7)
                        .maxRequestsPerSecond(3)
                        .include(List.of("a'b"))
                        .fetchTimeout(Duration.ofMillis(750))
                        .userAgent("x \"y\"")
                        .build();
        CrawlConfig again = ConfigFile.load(write(ConfigFile.toYaml(original))).build();
        assertThat(again).isEqualTo(original);
    }

    @Test
    void theRecordValidatesForLibraryUsersToo() {
        assertThatThrownBy(() -> CrawlConfig.builder().queueCapacity(0).build())
                .hasMessageContaining(
                        "queue-capacity"); // the configuration key, as the CLI says it
        assertThatThrownBy(() -> CrawlConfig.builder().maxRequestsPerSecond(-1).build())
                .hasMessage("rate must be 0 (no cap) or positive: -1.0");
        assertThatThrownBy(() -> CrawlConfig.builder().userAgent("bad\nagent").build())
                .hasMessageStartingWith("user-agent must be non-blank printable text");
    }
}
