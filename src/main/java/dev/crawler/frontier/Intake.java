package dev.crawler.frontier;

import dev.crawler.config.CrawlConfig;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.LinkTag;
import dev.crawler.request.Via;
import dev.crawler.seed.Seed;
import dev.crawler.url.Rejection;
import dev.crawler.url.UrlNormalizer;
import dev.crawler.url.UrlScope;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The first step of admission, shared by every frontier: normalizes a raw URL, builds its request
 * from where it was found, and checks it against the crawl's scope and depth. Deduplication and
 * budgets come after, in the frontier's store.
 *
 * <p>Thread-safe: the normalizer is stateless and the scope's seed hosts are a concurrent set.
 */
public final class Intake {
    private static final Pattern SITEMAP_PATH =
            Pattern.compile("(?i).*/[^/]*sitemap[^/]*\\.(xml|txt)(\\.gz)?$|.*\\.xml\\.gz$");

    private final UrlNormalizer normalizer;
    private final UrlScope scope;

    /** An intake applying {@code config}'s normalization, scope and depth. */
    public Intake(CrawlConfig config) {
        this.normalizer = new UrlNormalizer(config.scope().stripSessionIds());
        this.scope = new UrlScope(config);
    }

    /** A URL checked at the door. */
    public sealed interface Checked {
        /** Within scope: may be admitted if new and within budget. */
        record Candidate(CrawlRequest request) implements Checked {}

        /** Turned away before the seen-set. */
        record Refused(Rejection reason, String detail) implements Checked {}
    }

    /** A seed: normalized, its host added to the scope, a sitemap if its path looks like one. */
    public Checked seed(Seed seed, int priority) {
        return switch (normalizer.normalize(seed.url())) {
            case UrlNormalizer.Invalid invalid ->
                    new Checked.Refused(invalid.reason(), invalid.detail());
            case UrlNormalizer.Valid valid -> {
                URI url = valid.url();
                scope.addSeed(url);
                CrawlRequest.Kind kind =
                        SITEMAP_PATH.matcher(url.getRawPath()).matches()
                                ? CrawlRequest.Kind.SITEMAP
                                : CrawlRequest.Kind.PAGE;
                yield new Checked.Candidate(
                        CrawlRequest.seed(url, kind)
                                .withPriority(priority)
                                .withDepthLimit(seed.depthLimit())
                                .withTags(seed.label(), seed.userData(), seed.group())
                                .withHeaders(seed.headers())
                                .withBody(seed.body()));
            }
        };
    }

    /** A URL found {@code via} a link, redirect or sitemap of {@code from}. */
    public Checked found(String rawUrl, CrawlRequest from, Via via, LinkTag tag) {
        return switch (normalizer.normalize(rawUrl)) {
            case UrlNormalizer.Invalid invalid ->
                    new Checked.Refused(invalid.reason(), invalid.detail());
            case UrlNormalizer.Valid valid -> {
                URI url = valid.url();
                CrawlRequest next =
                        switch (via) {
                            case LINK -> from.child(url, tag);
                            case REDIRECT -> from.redirectTo(url);
                            case REDIRECT_SAME_METHOD -> from.redirectTo(url).withBody(from.body());
                            case SITEMAP_ENTRY -> from.entry(url, CrawlRequest.Kind.PAGE);
                            case SITEMAP -> from.entry(url, CrawlRequest.Kind.SITEMAP);
                        };
                // A redirect keeps its depth; links and sitemap entries count a hop.
                Optional<Rejection> outOfScope =
                        next.beyondDepthLimit()
                                ? Optional.of(Rejection.TOO_DEEP)
                                : scope.check(url, next.depth());
                yield outOfScope.isPresent()
                        ? new Checked.Refused(outOfScope.get(), url.toString())
                        : new Checked.Candidate(next);
            }
        };
    }

    /**
     * Checks URLs found together and admits the candidates in one step.
     *
     * @param seen whether the frontier already has a URL in its canonical form (checked first, so
     *     that a link seen before costs no parse, scope check or request; the admission checks
     *     again)
     * @param reject turns a refusal into the frontier's (counted) rejection
     * @param admit admits the candidates, in order, one admission each
     * @return one admission per raw URL, in order
     */
    public List<Admission> foundAll(
            List<String> rawUrls,
            CrawlRequest from,
            Via via,
            LinkTag tag,
            java.util.function.Predicate<String> seen,
            BiFunction<Rejection, String, Admission> reject,
            Function<List<CrawlRequest>, List<Admission>> admit) {
        Admission[] out = new Admission[rawUrls.size()];
        List<CrawlRequest> candidates = new ArrayList<>(rawUrls.size());
        List<Integer> slots = new ArrayList<>(rawUrls.size());
        boolean keyIsUrl = tag.body().isEmpty() && via != Via.REDIRECT_SAME_METHOD; // a GET
        for (int i = 0; i < out.length; i++) {
            if (keyIsUrl) {
                Optional<String> known = normalizer.fastForm(rawUrls.get(i));
                if (known.isPresent() && seen.test(known.get())) {
                    out[i] = reject.apply(Rejection.DUPLICATE, known.get());
                    continue;
                }
            }
            switch (found(rawUrls.get(i), from, via, tag)) {
                case Checked.Refused refused ->
                        out[i] = reject.apply(refused.reason(), refused.detail());
                case Checked.Candidate candidate -> {
                    candidates.add(candidate.request());
                    slots.add(i);
                }
            }
        }
        List<Admission> admitted = admit.apply(candidates);
        for (int k = 0; k < admitted.size(); k++) {
            out[slots.get(k)] = admitted.get(k);
        }
        return Arrays.asList(out);
    }

    /** Adds a seed's host (from an earlier run, or another process) to the scope. */
    public void addSeedHost(URI seed) {
        scope.addSeed(seed);
    }

    /** Whether {@code url} is on the host of a seed. */
    public boolean isSeedHost(URI url) {
        return scope.isSeedHost(url);
    }

    /** Whether {@code hostName} is the host of a seed. */
    public boolean isSeedHostName(String hostName) {
        return scope.isSeedHostName(hostName);
    }

    /** Whether {@code url} is on the origin of a seed (exempt from the SSRF guard). */
    public boolean isSeedOrigin(URI url) {
        return scope.isSeedOrigin(url);
    }
}
