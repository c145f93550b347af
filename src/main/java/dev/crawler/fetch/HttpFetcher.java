package dev.crawler.fetch;

import dev.crawler.config.CrawlConfig;
import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
public final class HttpFetcher implements Fetcher, SessionControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final CrawlConfig config;
    private final ExecutorService executor;
    private final HopGuard hopGuard;
    private final Optional<CookieJar> jar;
    private final Optional<CookieJar.Keeper> saveTo;
    private final ProxyRouter proxies;
    private final Sessions sessions;
    private final RequestFactory requests;

    /**
     * Builds the HTTP client with {@code jar} as its cookie jar (none: no cookies), saved to {@code
     * saveTo} as cookies change (a crawl state's copy).
     */
    public HttpFetcher(
            CrawlConfig config,
            HopGuard hops,
            Optional<CookieJar> jar,
            Optional<CookieJar.Keeper> saveTo) {
        this.jar = jar;
        this.saveTo = saveTo;
        this.hopGuard = hops;
        this.config = config;
        this.executor =
                // one name for all: a numbered name is a string built per task (1% of the CPU)
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("http-client").factory());
        this.proxies = ProxyRouter.of(config);
        this.requests = new RequestFactory(config, proxies);
        this.sessions = SessionClients.sessions(config, executor, proxies, jar);
    }

    @Override
    public FetchResult fetch(CrawlRequest request, FetchSpec spec) throws InterruptedException {
        FetchResult result = exchange(request, spec);
        saveTo.ifPresent(keeper -> jar.ifPresent(j -> j.keepIfChanged(keeper)));
        return result;
    }

    private FetchResult exchange(CrawlRequest request, FetchSpec spec) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + config.fetch().fetchTimeout().toNanos();
        URI url = request.url();
        Set<URI> visited = new HashSet<>();
        Sessions.Session session = sessions.pick(request);
        int offset = session.slot() + session.generation();
        for (int hops = 0; ; hops++) {
            visited.add(url);
            HttpRequest httpRequest;
            try {
                httpRequest =
                        requests.build(
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
                    session.client().sendAsync(httpRequest, info -> BodyCollector.of(info, spec));
            try {
                response =
                        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return error(
                        request,
                        FetchError.TIMEOUT,
                        "no complete response within "
                                + config.fetch().fetchTimeout().toMillis()
                                + " ms",
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
            Optional<String> location =
                    RequestFactory.isRedirect(status)
                            ? response.headers().firstValue("Location")
                            : Optional.empty();
            if (location.isPresent()) {
                Optional<URI> next = RequestFactory.resolveRedirect(url, location.get());
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
                            ResponseInfo.since(
                                    url,
                                    status,
                                    ContentTypes.contentTypeOf(response),
                                    0,
                                    hops,
                                    start),
                            next.get().toString());
                }
                if (hops >= config.fetch().maxRedirects()) {
                    return error(
                            request,
                            FetchError.TOO_MANY_REDIRECTS,
                            "more than " + config.fetch().maxRedirects() + " redirects",
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
            return toResult(request, url, response, hops, start, spec, httpRequest, session);
        }
    }

    private FetchResult toResult(
            CrawlRequest request,
            URI finalUrl,
            HttpResponse<BodyCollector.Body> response,
            int redirects,
            long start,
            FetchSpec spec,
            HttpRequest sent,
            Sessions.Session session)
            throws InterruptedException {
        int status = response.statusCode();
        String contentType = ContentTypes.contentTypeOf(response);
        BodyCollector.Body raw = response.body();
        if (status == 304 && !request.validators().isEmpty()) {
            return new FetchResult.NotModified(
                    request,
                    ResponseInfo.since(finalUrl, status, contentType, 0, redirects, start));
        }
        if (status >= 200
                && status < 300
                && !spec.anyContentType()
                && !ContentTypes.isHtml(contentType)) {
            return new FetchResult.NotHtml(
                    request,
                    ResponseInfo.since(finalUrl, status, contentType, 0, redirects, start));
        }
        if (status < 200 || status >= 300) {
            return new FetchResult.HttpError(
                    request,
                    ResponseInfo.since(
                            finalUrl, status, contentType, raw.bytes().length, redirects, start),
                    RetryAfter.parse(response.headers().firstValue("Retry-After")));
        }
        String encoding = ContentTypes.header(response.headers(), "Content-Encoding");
        ContentDecoder.Decoded decoded;
        try {
            decoded =
                    ContentDecoder.decode(
                            raw.bytes(),
                            raw.truncated(),
                            encoding,
                            spec.maxBytes(),
                            config.fetch().maxCompressionRatio());
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
                ResponseInfo.since(
                        finalUrl, status, contentType, decoded.bytes().length, redirects, start),
                decoded.bytes(),
                ContentTypes.charsetOf(contentType),
                decoded.truncated(),
                response.headers().allValues("X-Robots-Tag"),
                new RawExchange(
                        finalUrl,
                        Instant.now().minusNanos(System.nanoTime() - start),
                        response.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1",
                        RequestFactory.sentHeaders(sent),
                        status,
                        response.headers().map(),
                        raw.bytes(),
                        decoded.bytes(),
                        decoded.truncated(),
                        new SessionRef(session.slot(), session.generation())));
    }

    private static FetchResult error(
            CrawlRequest request, FetchError kind, String message, long start) {
        return new FetchResult.Error(
                request, kind, message, Duration.ofNanos(System.nanoTime() - start));
    }

    private FetchResult classify(CrawlRequest request, Throwable cause, long start) {
        Failures.Failure f = Failures.of(cause, config.fetch().fetchTimeout());
        if (f.kind() == FetchError.IO && f.unexpected()) {
            LOG.debug("Unexpected failure fetching {}", request.url(), cause);
        }
        return error(request, f.kind(), f.message(), start);
    }

    @Override
    public void retire(SessionRef session) {
        sessions.retire(session);
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
