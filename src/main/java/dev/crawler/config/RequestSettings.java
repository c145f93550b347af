package dev.crawler.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What requests carry: headers, credentials, cookies, a login, proxies, sessions. Each component is
 * the setting of the same name in {@code config/crawler.yaml}; the constants below are their rows
 * in the table of {@link Settings}. Immutable.
 */
public record RequestSettings(
        Map<String, String> headers,
        Map<String, Map<String, String>> hostHeaders,
        Map<String, String> hostAuth,
        boolean cookies,
        String cookiesFile,
        Optional<LoginSpec> login,
        String proxy,
        List<String> proxies,
        Map<String, String> hostProxies,
        int sessions,
        int sessionMaxBlocked,
        List<Map<String, String>> sessionHeaders) {

    static final Setting<Map<String, String>> HEADERS =
            Setting.of(
                    "headers",
                    RequestKinds.headers("headers"),
                    Map.of(),
                    c -> c.requests().headers(),
                    CrawlConfig.Builder::headers,
                    """
                    Headers sent with every request (--header 'NAME: VALUE'), e.g. {Accept-Language: \
                    de}. Names the JDK's client refuses (Host, Connection, ...) and User-Agent and \
                    Accept-Encoding (set by the crawler) are refused at start. Authorization and \
                    Cookie values print as ***.""");

    static final Setting<Map<String, Map<String, String>>> HOST_HEADERS =
            Setting.of(
                    "host-headers",
                    RequestKinds.hostHeaders(),
                    Map.of(),
                    c -> c.requests().hostHeaders(),
                    CrawlConfig.Builder::hostHeaders,
                    """
                    More headers for one host, by host name: {shop.example: {Authorization: "Bearer \
                    ..."}}; they replace the crawl's headers of the same name, and go to that host \
                    only.""");

    static final Setting<Map<String, String>> AUTH =
            Setting.of(
                    "auth",
                    RequestKinds.auth(),
                    Map.of(),
                    c -> c.requests().hostAuth(),
                    CrawlConfig.Builder::hostAuth,
                    """
                    Credentials per host, sent as the Authorization header to that host only (any \
                    port, robots.txt included): HTTP Basic or a bearer token. ${VAR} takes an \
                    environment variable, so no secret needs to be in this file; an unset one is an \
                    error at start. Printed as ***, never logged.
                      auth:
                        intranet.example: {basic: "crawler:${INTRANET_PASSWORD}"}
                        api.example.org: {bearer: "${API_TOKEN}"}""");

    static final Setting<Boolean> COOKIES =
            Setting.of(
                    "cookies",
                    Kinds.bool(),
                    true,
                    c -> c.requests().cookies(),
                    CrawlConfig.Builder::cookies,
                    """
                    Keep cookies (one jar per crawl, RFC 6265 through the JDK's CookieManager): what \
                    a server sets, on a redirect too, is sent back to it. --no-cookies turns it off.""");

    static final Setting<String> COOKIES_FILE =
            Setting.of(
                    "cookies-file",
                    Kinds.optional("a path to a Netscape cookies.txt, or empty"),
                    "",
                    c -> c.requests().cookiesFile(),
                    CrawlConfig.Builder::cookiesFile,
                    """
                    A Netscape cookies.txt the jar starts with, to crawl as a logged-in user \
                    (--cookies FILE): what a browser's export extension or curl -c writes. With --state-dir \
                    the jar is also kept in DIR/cookies.txt (readable by its owner only), written as \
                    cookies change and at the end, and read back by the next run, so a resumed crawl \
                    stays logged in. Empty: none.""");

    static final Setting<Optional<LoginSpec>> LOGIN =
            Setting.of(
                    "login",
                    RequestKinds.login(),
                    Optional.empty(),
                    c -> c.requests().login(),
                    CrawlConfig.Builder::login,
                    """
                    A form login run before the crawl: the login page is fetched, its form (a CSS \
                    selector; the first form by default) submitted with these fields as a browser \
                    would (hidden fields such as a CSRF token included), redirects followed, and the \
                    page reached must match `success`, else the crawl stops before any page (exit \
                    1). Its cookies go with every request. ${VAR} reads the environment; field \
                    values print as ***. The login URL is yours, like a seed: robots.txt does not \
                    apply to it.
                      login:
                        url: https://site.example/login
                        form: "form#login"
                        fields: {user: crawler, pass: "${SITE_PASSWORD}"}
                        success: "a[href$=logout]\"""");

    static final Setting<String> PROXY =
            Setting.of(
                    "proxy",
                    RequestKinds.proxy(),
                    "",
                    c -> c.requests().proxy(),
                    CrawlConfig.Builder::proxy,
                    """
                    An HTTP proxy for every request (--proxy): http://[USER:PASS@]HOST:PORT; empty \
                    for none. The JDK's client has no SOCKS.""");

    static final Setting<List<String>> PROXIES =
            Setting.of(
                    "proxies",
                    RequestKinds.proxies(),
                    List.of(),
                    c -> c.requests().proxies(),
                    CrawlConfig.Builder::proxies,
                    """
                    More proxies: hosts are spread over these and `proxy`, each host keeping one \
                    while it works (its cookies and pace stay with one exit); a proxy a connection \
                    fails through is avoided for a minute, its hosts going to the next one. \
                    Credentials as in `proxy`, printed as ***.""");

    static final Setting<Map<String, String>> HOST_PROXIES =
            Setting.of(
                    "host-proxies",
                    RequestKinds.hostProxies(),
                    Map.of(),
                    c -> c.requests().hostProxies(),
                    CrawlConfig.Builder::hostProxies,
                    """
                    A host's own proxy, by host name, or direct for none: {intranet.example: \
                    direct}.""");

    static final Setting<Integer> SESSIONS =
            Setting.of(
                    "sessions",
                    Kinds.integer(0, 10_000),
                    0,
                    c -> c.requests().sessions(),
                    CrawlConfig.Builder::sessions,
                    """
                    Independent sessions, as Crawlee's session pool: each its own cookie jar and its \
                    own start in the proxy rotation, so each looks to a site like a user of its own; \
                    requests take them in turn (user data session=N binds one). A session answered \
                    403 or 429 session-max-blocked times in a row is retired: a new one, with an \
                    empty jar and the next proxy, takes its place. 0: one session (the crawl's jar, \
                    kept in --state-dir), never retired. With several, only the first keeps its \
                    cookies in the state folder; the others start from cookies-file.""");

    static final Setting<Integer> SESSION_MAX_BLOCKED =
            Setting.of(
                    "session-max-blocked",
                    Kinds.integer(1, 1000),
                    3,
                    c -> c.requests().sessionMaxBlocked(),
                    CrawlConfig.Builder::sessionMaxBlocked,
                    """
                    403 or 429 answers in a row that retire a session (with sessions set).""");

    static final Setting<List<Map<String, String>>> SESSION_HEADERS =
            Setting.of(
                    "session-headers",
                    RequestKinds.headerSets(),
                    List.of(),
                    c -> c.requests().sessionHeaders(),
                    CrawlConfig.Builder::sessionHeaders,
                    """
                    Headers each session sends, the sessions (and the ones replacing retired \
                    sessions) taking the sets in turn: [{Accept-Language: en}, {Accept-Language: \
                    de}]. After the host's, before a request's own.""");

    /** This group's rows of the table, in the order of its components. */
    static final List<Setting<?>> SETTINGS =
            List.of(
                    HEADERS,
                    HOST_HEADERS,
                    AUTH,
                    COOKIES,
                    COOKIES_FILE,
                    LOGIN,
                    PROXY,
                    PROXIES,
                    HOST_PROXIES,
                    SESSIONS,
                    SESSION_MAX_BLOCKED,
                    SESSION_HEADERS);

    /** Checks every value against its setting and normalizes it. */
    public RequestSettings {
        headers = HEADERS.checked(headers);
        hostHeaders = HOST_HEADERS.checked(hostHeaders);
        hostAuth = AUTH.checked(hostAuth);
        cookies = COOKIES.checked(cookies);
        cookiesFile = COOKIES_FILE.checked(cookiesFile);
        login = LOGIN.checked(login);
        proxy = PROXY.checked(proxy);
        proxies = PROXIES.checked(proxies);
        hostProxies = HOST_PROXIES.checked(hostProxies);
        sessions = SESSIONS.checked(sessions);
        sessionMaxBlocked = SESSION_MAX_BLOCKED.checked(sessionMaxBlocked);
        sessionHeaders = SESSION_HEADERS.checked(sessionHeaders);
        if (!cookiesFile.isEmpty() && !cookies) {
            throw new IllegalArgumentException("cookies-file needs cookies: true");
        }
        if (login.isPresent() && !cookies) {
            throw new IllegalArgumentException("login needs cookies: true");
        }
    }

    static RequestSettings from(CrawlConfig.Builder b) {
        return new RequestSettings(
                b.get(HEADERS),
                b.get(HOST_HEADERS),
                b.get(AUTH),
                b.get(COOKIES),
                b.get(COOKIES_FILE),
                b.get(LOGIN),
                b.get(PROXY),
                b.get(PROXIES),
                b.get(HOST_PROXIES),
                b.get(SESSIONS),
                b.get(SESSION_MAX_BLOCKED),
                b.get(SESSION_HEADERS));
    }
}
