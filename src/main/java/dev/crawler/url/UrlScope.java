package dev.crawler.url;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostKey;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides whether a discovered link belongs to the crawl: same host as a seed (unless turned off),
 * include and exclude patterns, maximum depth, maximum URL length, and no path segment repeated
 * past the limit (the {@code /a/a/a/...} trap). Seeds define the scope and are not filtered.
 *
 * <p>Thread-safe: seed hosts are added by producers while fetchers check links.
 */
public final class UrlScope {
    private final boolean sameHost;
    private final int maxDepth;
    private final List<Pattern> include;
    private final List<Pattern> exclude;
    private final Set<String> seedHosts = ConcurrentHashMap.newKeySet();
    private final Set<String> seedOrigins = ConcurrentHashMap.newKeySet();
    private final int maxUrlLength;
    private final int maxSegmentRepeats;

    /** Builds the scope from the configuration. */
    public UrlScope(CrawlConfig config) {
        this.sameHost = config.scope().sameHost();
        this.maxDepth = config.scope().maxDepth();
        this.include = config.scope().include().stream().map(Pattern::compile).toList();
        this.exclude = config.scope().exclude().stream().map(Pattern::compile).toList();
        this.maxUrlLength = config.scope().maxUrlLength();
        this.maxSegmentRepeats = config.scope().maxSegmentRepeats();
    }

    /** Whether {@code url} is on the host of a seed the user gave. */
    public boolean isSeedHost(URI url) {
        return seedHosts.contains(hostKey(url));
    }

    /** Whether {@code hostName} (lower case) is the host of a seed. */
    public boolean isSeedHostName(String hostName) {
        return seedHosts.contains(hostName.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether {@code url} is on the origin (scheme, host and port) of a seed: what the SSRF guard
     * exempts. A seed on {@code localhost:8080} exempts that port only, not {@code localhost:9200}.
     */
    public boolean isSeedOrigin(URI url) {
        return seedOrigins.contains(HostKey.of(url));
    }

    /** Records the host of an admitted seed: links to it are on-host; its origin is exempt. */
    public void addSeed(URI seed) {
        seedHosts.add(hostKey(seed));
        seedOrigins.add(HostKey.of(seed));
    }

    /** Why a link at {@code depth} is out of scope, or empty when it is in scope. */
    public Optional<Rejection> check(URI url, int depth) {
        if (depth > maxDepth) {
            return Optional.of(Rejection.TOO_DEEP);
        }
        if (url.toString().length() > maxUrlLength) {
            return Optional.of(Rejection.TOO_LONG);
        }
        if (repeatsSegments(url.getRawPath())) {
            return Optional.of(Rejection.REPEATING_PATH);
        }
        if (sameHost && !seedHosts.contains(hostKey(url))) {
            return Optional.of(Rejection.OFF_HOST);
        }
        if (include.isEmpty() && exclude.isEmpty()) {
            return Optional.empty(); // the usual case: no string to build
        }
        String s = url.toString();
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(s).find())) {
            return Optional.of(Rejection.FILTERED);
        }
        if (exclude.stream().anyMatch(p -> p.matcher(s).find())) {
            return Optional.of(Rejection.FILTERED);
        }
        return Optional.empty();
    }

    /** Whether a path segment occurs more than {@code maxSegmentRepeats} times. */
    private boolean repeatsSegments(String path) {
        if (path == null || path.length() < 4) {
            return false;
        }
        int slashes = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') slashes++;
        }
        if (slashes <= maxSegmentRepeats) {
            return false; // too few segments for any to repeat that often
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && counts.merge(segment, 1, Integer::sum) > maxSegmentRepeats) {
                return true;
            }
        }
        return false;
    }

    private static String hostKey(URI url) {
        return url.getHost().toLowerCase(Locale.ROOT);
    }
}
