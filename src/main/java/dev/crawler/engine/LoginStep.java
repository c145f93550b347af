package dev.crawler.engine;

import dev.crawler.config.LoginSpec;
import dev.crawler.extract.Forms;
import dev.crawler.fetch.FetchResult;
import dev.crawler.fetch.FetchSpec;
import dev.crawler.fetch.Fetcher;
import dev.crawler.request.CrawlRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The form login of {@code login:}, run before the crawl through the crawl's own fetcher, so that
 * the cookies it gets are in the crawl's jar: the login page is fetched, its form submitted with
 * the configured fields, redirects followed with {@code GET}s, and the page reached must match the
 * success selector. The login URL is the user's, like a seed: robots.txt and the SSRF guard do not
 * apply to it. Stateless.
 */
public final class LoginStep {
    private static final Logger LOG = LoggerFactory.getLogger(LoginStep.class);

    private LoginStep() {}

    /**
     * Logs in.
     *
     * @return empty when logged in, else why not
     */
    public static Optional<String> run(
            LoginSpec login, Fetcher fetcher, long maxBodySize, int maxRedirects)
            throws InterruptedException {
        FetchSpec spec = FetchSpec.page(maxBodySize);
        CrawlRequest page = CrawlRequest.seed(URI.create(login.url()));
        FetchResult.Page form;
        try {
            form = reach(fetcher, page, spec, maxRedirects);
            Document doc = parse(form);
            Forms.Submission submit =
                    Forms.submit(
                            doc,
                            login.form(),
                            login.fields(),
                            form.info().finalUrl().toString(),
                            action -> form.info().finalUrl().resolve(action.strip()).toString());
            CrawlRequest post = CrawlRequest.seed(URI.create(submit.url())).withBody(submit.body());
            FetchResult.Page after = reach(fetcher, post, spec, maxRedirects);
            if (parse(after).selectFirst(login.success()) == null) {
                return Optional.of(
                        "the page after it, "
                                + after.info().finalUrl()
                                + ", does not match '"
                                + login.success()
                                + "'");
            }
            LOG.info("Logged in at {}", login.url());
            return Optional.empty();
        } catch (Failed | IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Fetches {@code request}, following redirects with {@code GET}s, to an HTML page. */
    private static FetchResult.Page reach(
            Fetcher fetcher, CrawlRequest request, FetchSpec spec, int maxRedirects)
            throws InterruptedException, Failed {
        CrawlRequest next = request;
        for (int hops = 0; hops <= maxRedirects; hops++) {
            switch (fetcher.fetch(next, spec)) {
                case FetchResult.Page p -> {
                    return p;
                }
                case FetchResult.Redirect r -> next = CrawlRequest.seed(URI.create(r.location()));
                case FetchResult.HttpError e ->
                        throw new Failed(next.url() + " answered " + e.info().status());
                case FetchResult.Error e -> throw new Failed(next.url() + ": " + e.message());
                case FetchResult.Throttled t -> throw new Failed(next.url() + ": no rate permit");
                case FetchResult.NotHtml n -> throw new Failed(next.url() + " is not HTML");
                case FetchResult.NotModified n -> throw new Failed(next.url() + " answered 304");
            }
        }
        throw new Failed("more than " + maxRedirects + " redirects from " + request.url());
    }

    private static Document parse(FetchResult.Page page) {
        try {
            return Jsoup.parse(
                    new ByteArrayInputStream(page.body()),
                    page.charset().map(Charset::name).orElse(null),
                    page.info().finalUrl().toString());
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array", e);
        }
    }

    /** A step of the login that did not go as a login goes. */
    private static final class Failed extends Exception {
        @java.io.Serial private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }
}
