package dev.crawler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code serve-site --dir}: a folder served as a site, crawled whole, nothing outside it. */
class FolderSiteTest extends MainFixture {
    private Path folder() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(
                site.resolve("index.html"),
                "<title>Home</title><a href=\"guide.html#start\">g</a><a href=\"sub/\">s</a>");
        Files.writeString(site.resolve("guide.html"), "<title>Guide</title><a href=\"#top\">t</a>");
        Files.createDirectories(site.resolve("sub"));
        Files.writeString(
                site.resolve("sub/index.html"),
                "<title>Sub</title><a href=\"../guide.html\">g</a>");
        Files.writeString(dir.resolve("secret.html"), "<title>outside</title>");
        return site;
    }

    @Test
    void servesAFolderThatCrawlsWhole() throws Exception {
        try (FolderSite site = FolderSite.start(0, folder())) {
            int code =
                    run(
                            "",
                            "crawl",
                            site.baseUrl().toString(),
                            "--quiet",
                            "--host-delay",
                            "0s",
                            "-o",
                            "-");
            assertThat(code).as(stderr()).isZero();
            List<JsonNode> records = lines(out.toString(StandardCharsets.UTF_8));
            assertThat(records)
                    .extracting(r -> r.get("title").asText())
                    .containsExactlyInAnyOrder("Home", "Guide", "Sub");
        }
    }

    @Test
    void servesNothingOutsideTheFolder() throws Exception {
        try (FolderSite site = FolderSite.start(0, folder());
                HttpClient client = HttpClient.newHttpClient()) {
            for (String path :
                    List.of("../secret.html", "%2e%2e/secret.html", "sub/../../secret.html")) {
                HttpResponse<String> r =
                        client.send(
                                HttpRequest.newBuilder(URI.create(site.baseUrl() + path)).build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).as(path).doesNotContain("outside");
                assertThat(r.statusCode()).as(path).isNotEqualTo(200);
            }
        }
    }

    @Test
    void aPathThatIsNotAFolderIsAUsageError() {
        int code = run("", "serve-site", "--dir", dir.resolve("nope").toString(), "--port", "0");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("not a folder");
    }
}
