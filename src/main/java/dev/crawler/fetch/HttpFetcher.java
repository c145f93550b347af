package dev.crawler.fetch;

import dev.crawler.config.CrawlConfig;
import dev.crawler.config.ProxySpec;
import dev.crawler.frontier.Completion;
import dev.crawler.frontier.CrawlRequest;
import dev.crawler.seed.RequestBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches over the JDK's {@link HttpClient}, filling what it leaves out: a total deadline per fetch
 * (its request timeout stops counting once headers arrive), redirects handed back for the frontier
 * to vet (or, for robots.txt, followed one hop at a time with loop detection), gzip and deflate
 * decoding, and a cap on body size.
 *
 * <p>Thread-safe: one instance serves every fetcher. It owns its client and the client's executor
 * and releases both in {@link #close()}.
 */
public final class HttpFetcher implements Fetcher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);

    /** Bodies of errors and redirects are read up to this much, so the connection can be reused. */
    private static final int SMALL_BODY_LIMIT = 64 * 1024;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

    private final CrawlConfig config;
    private final ExecutorService executor;
    private final HopGuard hopGuard;
    private final Optional<CookieJar> jar;
    private final Optional<Path> saveTo;
    private final ProxyRouter proxies;
    private final Sessions sessions;

    /** Builds the HTTP client from the configuration; redirect hops are not vetted. */
    public HttpFetcher(CrawlConfig config) {
        this(config, HopGuard.NONE);
    }

    /** Builds the HTTP client from the configuration; {@code hops} vets each redirect hop. */
    public HttpFetcher(CrawlConfig config, HopGuard hops) {
        this(
                config,
                hops,
                config.cookies() ? Optional.of(new CookieJar()) : Optional.empty(),
                Optional.empty());
    }

    /**
     * Builds the HTTP client with {@code jar} as its cookie jar (none: no cookies), saved to {@code
     * saveTo} as cookies change (a crawl state's copy).
     */
    public HttpFetcher(
            CrawlConfig config, HopGuard hops, Optional<CookieJar> jar, Optional<Path> saveTo) {
        this.jar = jar;
        this.saveTo = saveTo;
        this.hopGuard = hops;
        this.config = config;
        this.executor =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-", 0).factory());
        this.proxies = router(config);
        this.sessions =
                new Sessions(
                        Math.max(1, config.sessions()),
                        config.sessions() > 0 ? config.sessionMaxBlocked() : 0,
                        (slot, generation) ->
                                new Sessions.Session(
                                        slot,
                                        generation,
                                        client(
                                                slot + generation,
                                                slot == 0 && generation == 0
                                                        ? jar
                                                        : sessionJar(generation))));
    }

    /**
     * One session's client: its own cookie jar (what a server sets, on a redirect too, goes back to
     * it), its own start in the proxy rotation.
     */
    private HttpClient client(int proxyOffset, Optional<CookieJar> cookies) {
        HttpClient.Builder client =
                HttpClient.newBuilder()
                        .connectTimeout(config.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(executor);
        if (proxies.routes()) {
            client.proxy(proxies.forOffset(proxyOffset));
        }
        cookies.ifPresent(j -> client.cookieHandler(j.handler()));
        return client.build();
    }

    /**
     * The jar of another session: the cookies of {@code cookies-file} for a first one, none for one
     * that replaces a retired session (a new identity).
     */
    private Optional<CookieJar> sessionJar(int generation) {
        if (!config.cookies()) {
            return Optional.empty();
        }
        CookieJar j = new CookieJar();
        if (generation == 0 && !config.cookiesFile().isEmpty()) {
            try {
                j.load(Path.of(config.cookiesFile()));
            } catch (IOException e) {
                LOG.warn("Cannot read {}: {}", config.cookiesFile(), e.toString());
            }
        }
        return Optional.of(j);
    }

    @Override
    public FetchResult fetch(CrawlRequest request, FetchSpec spec) throws InterruptedException {
        FetchResult result = exchange(request, spec);
        if (saveTo.isPresent() && jar.isPresent()) {
            try {
                jar.get().saveIfChanged(saveTo.get());
            } catch (IOException e) {
                LOG.warn("Cannot save the cookies to {}: {}", saveTo.get(), e.toString());
            }
        }
        return result;
    }

    private FetchResult exchange(CrawlRequest request, FetchSpec spec) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + config.fetchTimeout().toNanos();
        URI url = request.url();
        Set<URI> visited = new HashSet<>();
        Sessions.Session session = sessions.pick(request);
        int offset = session.slot() + session.generation();
        for (int hops = 0; ; hops++) {
            visited.add(url);
            HttpRequest httpRequest;
            try {
                httpRequest =
                        buildRequest(
                                url,
                                Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
                                hops == 0 ? request.validators() : Completion.Validators.NONE,
                                hops == 0 ? request.headers() : Map.of(),
                                hops == 0 ? request.body() : Optional.empty(),
                                offset);
            } catch (IllegalArgumentException e) {
                return error(request, FetchError.INVALID_REQUEST, e.getMessage(), start);
            }
            HttpResponse<BodyCollector.Body> response;
            CompletableFuture<HttpResponse<BodyCollector.Body>> future =
                    session.client().sendAsync(httpRequest, info -> bodyFor(info, spec));
            try {
                response =
                        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return error(
                        request,
                        FetchError.TIMEOUT,
                        "no complete response within " + config.fetchTimeout().toMillis() + " ms",
                        start);
            } catch (InterruptedException e) {
                future.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                FetchResult failed = classify(request, e.getCause(), start);
                if (failed instanceof FetchResult.Error err
                        && (err.kind() == FetchError.CONNECT
                                || err.kind() == FetchError.CONNECT_TIMEOUT)) {
                    proxies.choose(url, offset).ifPresent(proxies::failed); // the proxy, likely
                }
                return failed;
            }

            int status = response.statusCode();
            sessions.answered(session, status);
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(status) && location.isPresent()) {
                Optional<URI> next = resolveRedirect(url, location.get());
                if (next.isEmpty()) {
                    return error(
                            request,
                            FetchError.BAD_REDIRECT,
                            "cannot follow redirect to '" + location.get() + "'",
                            start);
                }
                if (!spec.followRedirects()) {
                    return new FetchResult.Redirect(
                            request,
                            info(url, status, contentTypeOf(response), 0, hops, start),
                            next.get().toString());
                }
                if (hops >= config.maxRedirects()) {
                    return error(
                            request,
                            FetchError.TOO_MANY_REDIRECTS,
                            "more than " + config.maxRedirects() + " redirects",
                            start);
                }
                if (visited.contains(next.get())) {
                    return error(
                            request,
                            FetchError.TOO_MANY_REDIRECTS,
                            "redirect loop at " + next.get(),
                            start);
                }
                Optional<String> refused = hopGuard.refuse(next.get());
                if (refused.isPresent()) {
                    return error(
                            request,
                            FetchError.BLOCKED_ADDRESS,
                            "redirect to " + next.get() + " refused: " + refused.get(),
                            start);
                }
                url = next.get();
                continue;
            }
            return toResult(request, url, response, hops, start, spec, httpRequest);
        }
    }

    private HttpRequest buildRequest(
            URI url,
            Duration remaining,
            Completion.Validators validators,
            Map<String, String> own,
            Optional<RequestBody> body,
            int proxyOffset) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url);
        // a recrawl asks whether the page changed since its last fetch
        validators.etag().ifPresent(v -> b.header("If-None-Match", v));
        validators.lastModified().ifPresent(v -> b.header("If-Modified-Since", v));
        if (body.isPresent()) {
            b.POST(HttpRequest.BodyPublishers.ofString(body.get().content()))
                    .setHeader("Content-Type", body.get().contentType());
        } else {
            b.GET();
        }
        b.timeout(remaining)
                // h2c upgrade on cleartext costs a round of headers for nothing; h2 over TLS is
                // fine
                .version(
                        "https".equalsIgnoreCase(url.getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .setHeader("User-Agent", config.userAgent())
                .setHeader("Accept", ACCEPT)
                .setHeader("Accept-Encoding", ContentDecoder.ACCEPT_ENCODING);
        if ("http".equalsIgnoreCase(url.getScheme())) {
            // to the proxy, in the clear, as plain HTTP through a proxy always is; never inside
            // an https tunnel, where it would reach the origin server
            proxies.choose(url, proxyOffset)
                    .flatMap(ProxySpec::basicAuth)
                    .ifPresent(a -> b.setHeader("Proxy-Authorization", a));
        }
        // the user's headers replace ours of the same name (Accept); the host's replace the crawl's
        config.headers().forEach(b::setHeader);
        Map<String, String> forHost =
                config.hostHeaders().get(url.getHost().toLowerCase(java.util.Locale.ROOT));
        if (forHost != null) {
            forHost.forEach(b::setHeader);
        }
        String auth = config.hostAuth().get(url.getHost().toLowerCase(java.util.Locale.ROOT));
        if (auth != null) {
            b.setHeader("Authorization", auth); // to this host only: each hop is built anew
        }
        own.forEach(b::setHeader); // the request's own, last: they replace all of the above
        return b.build();
    }

    private static HttpResponse.BodySubscriber<BodyCollector.Body> bodyFor(
            HttpResponse.ResponseInfo info, FetchSpec spec) {
        int status = info.statusCode();
        if (status >= 200 && status < 300) {
            String type = info.headers().firstValue("Content-Type").orElse("");
            return spec.anyContentType() || isHtml(type)
                    ? new BodyCollector(spec.maxBytes(), spec.lease())
                    : BodyCollector.discarding();
        }
        return new BodyCollector(SMALL_BODY_LIMIT);
    }

    private static String contentTypeOf(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private FetchResult toResult(
            CrawlRequest request,
            URI finalUrl,
            HttpResponse<BodyCollector.Body> response,
            int redirects,
            long start,
            FetchSpec spec,
            HttpRequest sent)
            throws InterruptedException {
        int status = response.statusCode();
        String contentType = contentTypeOf(response);
        BodyCollector.Body raw = response.body();
        if (status == 304 && !request.validators().isEmpty()) {
            return new FetchResult.NotModified(
                    request, info(finalUrl, status, contentType, 0, redirects, start));
        }
        if (status >= 200 && status < 300 && !spec.anyContentType() && !isHtml(contentType)) {
            return new FetchResult.NotHtml(
                    request, info(finalUrl, status, contentType, 0, redirects, start));
        }
        if (status < 200 || status >= 300) {
            return new FetchResult.HttpError(
                    request,
                    info(finalUrl, status, contentType, raw.bytes().length, redirects, start),
                    RetryAfter.parse(response.headers().firstValue("Retry-After")));
        }
        String encoding = response.headers().firstValue("Content-Encoding").orElse("");
        ContentDecoder.Decoded decoded;
        try {
            decoded =
                    ContentDecoder.decode(
                            raw.bytes(),
                            raw.truncated(),
                            encoding,
                            spec.maxBytes(),
                            config.maxCompressionRatio());
        } catch (ContentDecoder.CompressionBombException e) {
            return error(request, FetchError.COMPRESSION_BOMB, e.getMessage(), start);
        } catch (ContentDecoder.UnsupportedEncodingException e) {
            return error(request, FetchError.UNSUPPORTED_ENCODING, e.getMessage(), start);
        } catch (IOException e) {
            return error(
                    request, FetchError.IO, "cannot decode " + encoding + " body: " + e, start);
        }
        if (decoded.bytes() != raw.bytes() && spec.lease().isPresent()) {
            // the inflated body is held beside the raw one (the WARC record wants both)
            spec.lease().get().growTo(spec.lease().get().held() + decoded.bytes().length);
        }
        return new FetchResult.Page(
                request,
                info(finalUrl, status, contentType, decoded.bytes().length, redirects, start),
                decoded.bytes(),
                charsetOf(contentType),
                decoded.truncated(),
                response.headers().allValues("X-Robots-Tag"),
                new RawExchange(
                        finalUrl,
                        sentAt(start),
                        response.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1",
                        sentHeaders(sent),
                        status,
                        response.headers().map(),
                        raw.bytes(),
                        decoded.bytes(),
                        decoded.truncated()));
    }

    /** The request headers as sent: ours, plus the Host header the client adds. */
    private static Map<String, List<String>> sentHeaders(HttpRequest sent) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        URI uri = sent.uri();
        headers.put(
                "Host",
                List.of(uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort()));
        headers.putAll(sent.headers().map());
        return headers;
    }

    private static Instant sentAt(long startNanos) {
        return Instant.now().minusNanos(System.nanoTime() - startNanos);
    }

    private static ResponseInfo info(
            URI finalUrl, int status, String contentType, long bytes, int redirects, long start) {
        return new ResponseInfo(
                finalUrl,
                status,
                contentType,
                bytes,
                Duration.ofNanos(System.nanoTime() - start),
                redirects);
    }

    private static FetchResult error(
            CrawlRequest request, FetchError kind, String message, long start) {
        return new FetchResult.Error(
                request, kind, message, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The proxies of {@code proxy:}, {@code proxies:} and {@code host-proxies:}. */
    private static ProxyRouter router(CrawlConfig config) {
        List<ProxySpec> pool = new java.util.ArrayList<>();
        ProxySpec.parse(config.proxy()).ifPresent(pool::add);
        config.proxies().forEach(p -> ProxySpec.parse(p).ifPresent(pool::add));
        Map<String, Optional<ProxySpec>> byHost = new LinkedHashMap<>();
        config.hostProxies()
                .forEach(
                        (host, spec) ->
                                byHost.put(
                                        host,
                                        spec.equals("direct")
                                                ? Optional.empty()
                                                : ProxySpec.parse(spec)));
        return new ProxyRouter(byHost, pool);
    }

    private FetchResult classify(CrawlRequest request, Throwable cause, long start) {
        Throwable t = cause;
        while ((t instanceof ExecutionException
                        || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof VirtualMachineError fatal) {
            throw fatal; // out of memory while receiving: not the server's fault, nor retried
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        FetchError kind;
        if (t instanceof HttpConnectTimeoutException) {
            kind = FetchError.CONNECT_TIMEOUT;
        } else if (t instanceof HttpTimeoutException) {
            kind = FetchError.TIMEOUT;
            message = "no response headers within " + config.fetchTimeout().toMillis() + " ms";
        } else if (t instanceof ConnectException) {
            kind = FetchError.CONNECT;
        } else if (t instanceof UnknownHostException) {
            kind = FetchError.UNKNOWN_HOST;
        } else if (t instanceof SSLException) {
            kind = FetchError.TLS;
        } else if (t instanceof IOException) {
            kind = FetchError.IO;
        } else if (t instanceof IllegalArgumentException) {
            kind = FetchError.INVALID_REQUEST;
        } else {
            kind = FetchError.IO;
            LOG.debug("Unexpected failure fetching {}", request.url(), t);
        }
        return error(request, kind, message, start);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Optional<URI> resolveRedirect(URI base, String location) {
        try {
            URI next = base.resolve(location.strip());
            String scheme =
                    next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(next);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a {@code Content-Type} is one we parse; a missing one is given the benefit. */
    static boolean isHtml(String contentType) {
        String type = mediaType(contentType);
        return type.isEmpty() || type.equals("text/html") || type.equals("application/xhtml+xml");
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    /** The charset named in a {@code Content-Type}, when it is one this JVM supports. */
    static Optional<Charset> charsetOf(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).trim().replace("\"", "").replace("'", "");
                try {
                    return Charset.isSupported(name)
                            ? Optional.of(Charset.forName(name))
                            : Optional.empty();
                } catch (IllegalArgumentException e) { // illegal charset name
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Releases the client and its threads. Exchanges still running (there are none after a crawl:
     * every fetch ends within its deadline or is cancelled) get a few seconds, then are aborted.
     */
    @Override
    public void close() {
        sessions.close(CLOSE_WAIT);
        executor.shutdownNow();
        executor.close();
    }
}
