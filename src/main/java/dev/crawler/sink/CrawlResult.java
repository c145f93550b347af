package dev.crawler.sink;

import static java.util.Objects.requireNonNull;

import dev.crawler.fetch.RawExchange;
import dev.crawler.fetch.ResponseInfo;
import dev.crawler.parse.ParsedPage;
import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Outcome;
import dev.crawler.request.PageFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The final record of one admitted URL: exactly one per URL, in exactly one of three outcomes (an
 * unchanged page counts as fetched). Handle it with an exhaustive {@code switch}. Immutable.
 */
public sealed interface CrawlResult {
    /** The request in its last attempt: URL, depth, parent, attempt count. */
    CrawlRequest request();

    /** Which final state this is. */
    Outcome outcome();

    /** The HTTP response, when one arrived. */
    Optional<ResponseInfo> response();

    /**
     * A page (or sitemap) fetched and parsed.
     *
     * @param truncated whether the body exceeded the size cap and was cut
     * @param exchange the request and response as exchanged, with the body, for archives
     * @param extracted what the page's handler or rules made of it
     */
    record Fetched(
            CrawlRequest request,
            ResponseInfo info,
            ParsedPage page,
            boolean truncated,
            RawExchange exchange,
            Extracted extracted)
            implements CrawlResult {
        /** Validates the fields. */
        public Fetched {
            requireNonNull(request, "request");
            requireNonNull(info, "info");
            requireNonNull(page, "page");
            requireNonNull(exchange, "exchange");
            requireNonNull(extracted, "extracted");
        }

        /** A page no handler ran on. */
        public Fetched(
                CrawlRequest request,
                ResponseInfo info,
                ParsedPage page,
                boolean truncated,
                RawExchange exchange) {
            this(request, info, page, truncated, exchange, Extracted.NONE);
        }

        @Override
        public Outcome outcome() {
            return Outcome.FETCHED;
        }

        /** The response's {@code ETag} and {@code Last-Modified}, for a conditional recrawl. */
        public Completion.Validators validators() {
            // one pass over the headers for both (a pass each was 2% of what a crawl allocated)
            String etag = null;
            String lastModified = null;
            for (Map.Entry<String, List<String>> e : exchange.responseHeaders().entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                if (etag == null && e.getKey().equalsIgnoreCase("etag")) {
                    etag = e.getValue().get(0);
                } else if (lastModified == null && e.getKey().equalsIgnoreCase("last-modified")) {
                    lastModified = e.getValue().get(0);
                }
            }
            return new Completion.Validators(
                    Optional.ofNullable(etag), Optional.ofNullable(lastModified));
        }

        @Override
        public Optional<ResponseInfo> response() {
            return Optional.of(info);
        }
    }

    /**
     * A page fetched again on a recrawl that answered 304 Not Modified to the validators of its
     * last fetch: unchanged, so nothing was downloaded or parsed. Counts as fetched.
     *
     * @param previous what the page was at its last fetch (its title, content type and links), as
     *     the crawl state kept it
     */
    record Unchanged(CrawlRequest request, ResponseInfo info, Optional<PageFacts> previous)
            implements CrawlResult {
        /** Validates the fields. */
        public Unchanged {
            requireNonNull(request, "request");
            requireNonNull(info, "info");
            requireNonNull(previous, "previous");
        }

        @Override
        public Outcome outcome() {
            return Outcome.FETCHED;
        }

        @Override
        public Optional<ResponseInfo> response() {
            return Optional.of(info);
        }
    }

    /** A URL that failed for good; {@code error} says why. */
    record Failed(CrawlRequest request, Optional<ResponseInfo> response, String error)
            implements CrawlResult {
        /** Validates the fields. */
        public Failed {
            requireNonNull(request, "request");
            requireNonNull(response, "response");
            requireNonNull(error, "error");
        }

        @Override
        public Outcome outcome() {
            return Outcome.FAILED;
        }
    }

    /** A URL not fetched to the end; {@code reason} says why (non-HTML content, cancelled). */
    record Skipped(CrawlRequest request, Optional<ResponseInfo> response, String reason)
            implements CrawlResult {
        /** Validates the fields. */
        public Skipped {
            requireNonNull(request, "request");
            requireNonNull(response, "response");
            requireNonNull(reason, "reason");
        }

        @Override
        public Outcome outcome() {
            return Outcome.SKIPPED;
        }
    }
}
