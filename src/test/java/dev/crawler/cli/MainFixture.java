package dev.crawler.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the command-line tests: a small site, and the CLI run in this JVM with its streams
 * captured.
 */
abstract class MainFixture {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance()
                    .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                    .build();

    @TempDir Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void site() {
        wm.stubFor(
                get(urlEqualTo("/"))
                        .willReturn(
                                ok("<html><title>Root</title><a href=\"/a\">a</a><a href=\"/missing\">m</a></html>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(
                get(urlEqualTo("/a"))
                        .willReturn(
                                ok("<html><title>A</title></html>")
                                        .withHeader("Content-Type", "text/html")));
        wm.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)));
    }

    int run(String stdin, String... args) {
        Console console = TestConsoles.capturing(out, err, stdin);
        return Main.run(console, args);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> lines(String text) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(json.readTree(line));
            }
        }
        return nodes;
    }
}
