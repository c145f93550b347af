package dev.crawler.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link UrlNormalizer#removeDotSegments} against RFC 3986's algorithm written plainly. */
class DotSegmentsTest {
    /** remove_dot_segments by splitting, as it was written first; empty above the root. */
    private static Optional<String> plainly(String path) {
        List<String> out = new ArrayList<>();
        boolean trailingSlash = false;
        for (String seg : path.substring(1).split("/", -1)) {
            trailingSlash = seg.equals(".") || seg.equals("..");
            if (seg.equals("..")) {
                if (out.isEmpty()) {
                    return Optional.empty();
                }
                out.remove(out.size() - 1);
            } else if (!seg.equals(".")) {
                out.add(seg);
            }
        }
        String joined = "/" + String.join("/", out);
        return Optional.of(trailingSlash && !joined.endsWith("/") ? joined + "/" : joined);
    }

    @Test
    void agreesWithTheAlgorithmOnRandomPaths() {
        String[] pieces = {"a", "b", ".", "..", "", "x.y", "...", ".a", "a."};
        Random random = new Random(3986);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder path = new StringBuilder();
            int n = random.nextInt(8);
            for (int k = 0; k <= n; k++) {
                path.append('/').append(pieces[random.nextInt(pieces.length)]);
            }
            String p = path.toString();
            assertThat(UrlNormalizer.removeDotSegments(p)).as(p).isEqualTo(plainly(p));
        }
    }

    @Test
    void removesWhatRfc3986Removes() {
        assertThat(UrlNormalizer.removeDotSegments("/a/b/c/./../../g")).contains("/a/g");
        assertThat(UrlNormalizer.removeDotSegments("/a/./b/")).contains("/a/b/");
        assertThat(UrlNormalizer.removeDotSegments("/a/b/..")).contains("/a/");
        assertThat(UrlNormalizer.removeDotSegments("/.")).contains("/");
        assertThat(UrlNormalizer.removeDotSegments("/../x")).isEmpty();
    }
}
