package dev.crawler.config;

import java.util.List;

/**
 * Which URLs the crawl admits: limits, the links it follows, and its guards against traps. Each
 * component is the setting of the same name in {@code config/crawler.yaml}; the constants below are
 * their rows in the table of {@link Settings}. Immutable.
 */
public record ScopeSettings(
        long maxPages,
        int maxDepth,
        boolean sameHost,
        List<String> include,
        List<String> exclude,
        boolean stripSessionIds,
        int maxUrlLength,
        int maxSegmentRepeats,
        long maxPagesPerHost,
        int maxLinksPerPage,
        boolean ssrfGuard) {

    static final Setting<Long> MAX_PAGES =
            Setting.of(
                    "max-pages",
                    Kinds.count(0, Long.MAX_VALUE),
                    0L,
                    c -> c.scope().maxPages(),
                    CrawlConfig.Builder::maxPages,
                    """
                    Most URLs admitted to the crawl (each ends fetched, failed or skipped); 0 means \
                    no limit.""");

    static final Setting<Integer> MAX_DEPTH =
            Setting.of(
                    "max-depth",
                    Kinds.integer(0, 10_000),
                    5,
                    c -> c.scope().maxDepth(),
                    CrawlConfig.Builder::maxDepth,
                    """
                    Most link hops from a seed; seeds are depth 0.""");

    static final Setting<Boolean> SAME_HOST =
            Setting.of(
                    "same-host",
                    Kinds.bool(),
                    true,
                    c -> c.scope().sameHost(),
                    CrawlConfig.Builder::sameHost,
                    """
                    Follow only links on the seeds' hosts (true), or links to any host (false).""");

    static final Setting<List<String>> INCLUDE =
            Setting.of(
                    "include",
                    Kinds.patterns(),
                    List.of(),
                    c -> c.scope().include(),
                    CrawlConfig.Builder::include,
                    """
                    Follow only links matching one of these regular expressions, when any are given \
                    (repeatable). Java syntax, matched anywhere in the URL. Seeds are not filtered.""");

    static final Setting<List<String>> EXCLUDE =
            Setting.of(
                    "exclude",
                    Kinds.patterns(),
                    List.of(),
                    c -> c.scope().exclude(),
                    CrawlConfig.Builder::exclude,
                    """
                    Never follow links matching one of these regular expressions (repeatable).""");

    static final Setting<Boolean> STRIP_SESSION_IDS =
            Setting.of(
                    "strip-session-ids",
                    Kinds.bool(),
                    true,
                    c -> c.scope().stripSessionIds(),
                    CrawlConfig.Builder::stripSessionIds,
                    """
                    Remove common session-id parameters (jsessionid, PHPSESSID, sid, ...) so that \
                    the same page does not look new with every session. Query parameters are always \
                    sorted (crawler-commons' normalizer).""");

    static final Setting<Integer> MAX_URL_LENGTH =
            Setting.of(
                    "max-url-length",
                    Kinds.integer(16, 65_536),
                    2048,
                    c -> c.scope().maxUrlLength(),
                    CrawlConfig.Builder::maxUrlLength,
                    """
                    Longest URL admitted, in characters.""");

    static final Setting<Integer> MAX_SEGMENT_REPEATS =
            Setting.of(
                    "max-segment-repeats",
                    Kinds.integer(1, 1_000),
                    3,
                    c -> c.scope().maxSegmentRepeats(),
                    CrawlConfig.Builder::maxSegmentRepeats,
                    """
                    Most times one path segment may occur in a path; more is a trap like /a/a/a/... \
                    or /x/y/x/y/x/y.""");

    static final Setting<Long> MAX_PAGES_PER_HOST =
            Setting.of(
                    "max-pages-per-host",
                    Kinds.count(0, Long.MAX_VALUE),
                    0L,
                    c -> c.scope().maxPagesPerHost(),
                    CrawlConfig.Builder::maxPagesPerHost,
                    """
                    Most URLs admitted per host (against infinite calendars and other generated \
                    pages); 0 = no limit.""");

    static final Setting<Integer> MAX_LINKS_PER_PAGE =
            Setting.of(
                    "max-links-per-page",
                    Kinds.integer(1, 1_000_000),
                    5_000,
                    c -> c.scope().maxLinksPerPage(),
                    CrawlConfig.Builder::maxLinksPerPage,
                    """
                    Most links taken from one page (crawler4j's maxOutgoingLinksToFollow); the rest \
                    are not read, so a trap page of a million links costs neither memory nor hours. \
                    Links past the first 100 of a page queue behind the host's other work, so one \
                    page's flood never starves the rest of its site.""");

    static final Setting<Boolean> SSRF_GUARD =
            Setting.of(
                    "ssrf-guard",
                    Kinds.bool(),
                    true,
                    c -> c.scope().ssrfGuard(),
                    CrawlConfig.Builder::ssrfGuard,
                    """
                    Refuse URLs on hosts other than the seeds' when they resolve to loopback, \
                    private (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10), link-local \
                    (169.254/16, including cloud metadata addresses), multicast or unspecified \
                    addresses; checked on every redirect hop too, since each hop is fetched as its \
                    own URL. Seeds you give explicitly may be on such addresses.""");

    /** This group's rows of the table, in the order of its components. */
    static final List<Setting<?>> SETTINGS =
            List.of(
                    MAX_PAGES,
                    MAX_DEPTH,
                    SAME_HOST,
                    INCLUDE,
                    EXCLUDE,
                    STRIP_SESSION_IDS,
                    MAX_URL_LENGTH,
                    MAX_SEGMENT_REPEATS,
                    MAX_PAGES_PER_HOST,
                    MAX_LINKS_PER_PAGE,
                    SSRF_GUARD);

    /** Checks every value against its setting and normalizes it. */
    public ScopeSettings {
        maxPages = MAX_PAGES.checked(maxPages);
        maxDepth = MAX_DEPTH.checked(maxDepth);
        sameHost = SAME_HOST.checked(sameHost);
        include = INCLUDE.checked(include);
        exclude = EXCLUDE.checked(exclude);
        stripSessionIds = STRIP_SESSION_IDS.checked(stripSessionIds);
        maxUrlLength = MAX_URL_LENGTH.checked(maxUrlLength);
        maxSegmentRepeats = MAX_SEGMENT_REPEATS.checked(maxSegmentRepeats);
        maxPagesPerHost = MAX_PAGES_PER_HOST.checked(maxPagesPerHost);
        maxLinksPerPage = MAX_LINKS_PER_PAGE.checked(maxLinksPerPage);
        ssrfGuard = SSRF_GUARD.checked(ssrfGuard);
    }

    static ScopeSettings from(CrawlConfig.Builder b) {
        return new ScopeSettings(
                b.get(MAX_PAGES),
                b.get(MAX_DEPTH),
                b.get(SAME_HOST),
                b.get(INCLUDE),
                b.get(EXCLUDE),
                b.get(STRIP_SESSION_IDS),
                b.get(MAX_URL_LENGTH),
                b.get(MAX_SEGMENT_REPEATS),
                b.get(MAX_PAGES_PER_HOST),
                b.get(MAX_LINKS_PER_PAGE),
                b.get(SSRF_GUARD));
    }
}
