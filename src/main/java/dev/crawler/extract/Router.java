package dev.crawler.extract;

import static java.util.Objects.requireNonNull;

import dev.crawler.request.CrawlRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks the handler of a page, as Crawlee's router does: by the request's label first, then by the
 * first URL pattern that matches ({@link java.util.regex.Matcher#find()}), then the default
 * handler. A page no handler is picked for is crawled without extraction. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .route("DETAIL", page -> page.emit(Map.of("title", page.text("h1"))))
 *         .route(Pattern.compile("/category/"), page -> page.followLinks("a.product", "DETAIL"))
 *         .defaultHandler(page -> {})
 *         .build();
 * }</pre>
 */
public final class Router {
    private final Map<String, PageHandler> byLabel;
    private final List<UrlRoute> byUrl;
    private final Optional<PageHandler> fallback;

    private record UrlRoute(Pattern pattern, PageHandler handler) {}

    private Router(Builder b) {
        this.byLabel = Map.copyOf(b.byLabel);
        this.byUrl = List.copyOf(b.byUrl);
        this.fallback = b.fallback;
    }

    /** A router without routes. */
    public static Builder builder() {
        return new Builder();
    }

    /** The handler for {@code request}'s page, if any. */
    public Optional<PageHandler> handlerFor(CrawlRequest request) {
        if (request.label().isPresent()) {
            PageHandler h = byLabel.get(request.label().get());
            if (h != null) {
                return Optional.of(h);
            }
        }
        String url = request.url().toString();
        for (UrlRoute r : byUrl) {
            if (r.pattern().matcher(url).find()) {
                return Optional.of(r.handler());
            }
        }
        return fallback;
    }

    /** Whether no page can have a handler: extraction is then skipped altogether. */
    public boolean isEmpty() {
        return byLabel.isEmpty() && byUrl.isEmpty() && fallback.isEmpty();
    }

    /** Collects routes; not thread-safe. */
    public static final class Builder {
        private final Map<String, PageHandler> byLabel = new LinkedHashMap<>();
        private final List<UrlRoute> byUrl = new ArrayList<>();
        private Optional<PageHandler> fallback = Optional.empty();

        private Builder() {}

        /** Pages whose request carries {@code label} go to {@code handler}. */
        public Builder route(String label, PageHandler handler) {
            requireNonNull(label, "label");
            requireNonNull(handler, "handler");
            if (byLabel.putIfAbsent(label, handler) != null) {
                throw new IllegalArgumentException("a route for label '" + label + "' exists");
            }
            return this;
        }

        /** Pages whose URL matches {@code pattern} (and whose label has no route) go here. */
        public Builder route(Pattern pattern, PageHandler handler) {
            byUrl.add(
                    new UrlRoute(
                            requireNonNull(pattern, "pattern"),
                            requireNonNull(handler, "handler")));
            return this;
        }

        /** Pages no other route takes go to {@code handler}. */
        public Builder defaultHandler(PageHandler handler) {
            fallback = Optional.of(requireNonNull(handler, "handler"));
            return this;
        }

        /** The router. */
        public Router build() {
            return new Router(this);
        }
    }
}
