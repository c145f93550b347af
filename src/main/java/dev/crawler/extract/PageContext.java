package dev.crawler.extract;

import static java.util.Objects.requireNonNull;

import dev.crawler.fetch.ResponseInfo;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.LinkTag;
import dev.crawler.sink.Item;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * The {@link Page} the engine hands to handlers, and what they did with it. Confined to one fetcher
 * thread for one page.
 */
final class PageContext implements Page {
    private final CrawlRequest request;
    private final ResponseInfo response;
    private final byte[] body;
    private final Document document;
    private final List<String> links;
    private final List<Item> items = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<LinkTag, Set<String>> follows = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private boolean skipLinks;
    private boolean retireSession;
    private Optional<List<com.fasterxml.jackson.databind.JsonNode>> jsonLd = Optional.empty();
    private Optional<String> origin = Optional.empty();

    /** A URL with a scheme: kept as written (as urljoin keeps it); only relative ones resolve. */
    private static final Pattern ABSOLUTE = Pattern.compile("\\s*[a-zA-Z][a-zA-Z0-9+.-]*:");

    PageContext(
            CrawlRequest request,
            ResponseInfo response,
            byte[] body,
            Document document,
            List<String> links) {
        this.request = requireNonNull(request, "request");
        this.response = requireNonNull(response, "response");
        this.body = requireNonNull(body, "body");
        this.document = requireNonNull(document, "document");
        this.links = List.copyOf(links);
    }

    @Override
    public URI url() {
        return request.url();
    }

    @Override
    public CrawlRequest request() {
        return request;
    }

    @Override
    public ResponseInfo response() {
        return response;
    }

    @Override
    public Document document() {
        return document;
    }

    @Override
    public Elements select(String css) {
        return document.select(css);
    }

    @Override
    public String text(String css) {
        Element e = document.selectFirst(css);
        return e == null ? "" : e.text();
    }

    @Override
    public List<String> texts(String css) {
        return document.select(css).eachText();
    }

    @Override
    public String html() {
        Charset charset = document.charset();
        return new String(body, charset);
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Optional<String> label() {
        return request.label();
    }

    @Override
    public Map<String, String> userData() {
        return request.userData();
    }

    @Override
    public List<String> links() {
        return links;
    }

    @Override
    public void emit(Object data) {
        emit(request.label().orElse("item"), data);
    }

    @Override
    public void emit(String type, Object data) {
        items.add(new Item(type, request, data));
        counts.merge(type, 1, Integer::sum);
    }

    @Override
    public void follow(String url) {
        follow(url, LinkTag.NONE);
    }

    @Override
    public void follow(String url, String label) {
        follow(url, LinkTag.label(label));
    }

    @Override
    public void follow(String url, LinkTag tag) {
        requireNonNull(url, "url");
        requireNonNull(tag, "tag");
        String abs = resolve(url);
        if (!abs.isEmpty()) {
            follows.computeIfAbsent(tag, t -> new LinkedHashSet<>()).add(abs);
        }
    }

    @Override
    public void followLinks(String css) {
        followLinks(css, LinkTag.NONE);
    }

    @Override
    public void followLinks(String css, String label) {
        followLinks(css, LinkTag.label(label));
    }

    @Override
    public void followLinks(String css, LinkTag tag) {
        requireNonNull(tag, "tag");
        Set<String> into = follows.computeIfAbsent(tag, t -> new LinkedHashSet<>());
        into.addAll(linksUnder(document.select(css)));
    }

    /** The absolute links in, or being, {@code scopes}, in document order, without duplicates. */
    static Set<String> linksUnder(Elements scopes) {
        Set<String> out = new LinkedHashSet<>();
        for (Element scope : scopes) {
            for (Element a : scope.select("a[href], area[href]")) { // includes scope itself
                String abs = a.absUrl("href");
                if (!abs.isEmpty()) {
                    out.add(abs);
                }
            }
        }
        return out;
    }

    /** Follows the links under elements matching a rule's compiled selector. */
    void followUnder(Elements scopes) {
        follows.computeIfAbsent(LinkTag.NONE, t -> new LinkedHashSet<>())
                .addAll(linksUnder(scopes));
    }

    @Override
    public void retireSession() {
        retireSession = true;
    }

    @Override
    public void skipLinks() {
        skipLinks = true;
    }

    @Override
    public void reportError(String problem) {
        errors.add(requireNonNull(problem, "problem"));
    }

    /** A rule applied to this page: its count shows in the record, even at zero items. */
    void expect(String type) {
        counts.putIfAbsent(type, 0);
    }

    /**
     * The absolute form of {@code value}, the {@code attribute} of {@code e}: as written when it
     * has a scheme; a root-relative path joined to the base's origin by string work (most links of
     * a page; jsoup's resolver cost 16% of a crawl's CPU with a links field); the rest resolved by
     * jsoup against the base ({@code <base href>} or the page's URL). A value that does not resolve
     * stays as written.
     */
    String absolute(Element e, String attribute, String value) {
        String v = value.strip();
        if (ABSOLUTE.matcher(v).lookingAt()) {
            return v;
        }
        if (v.startsWith("/") && !v.startsWith("//")) {
            if (origin.isEmpty()) {
                origin = Optional.of(originOf(document.baseUri()));
            }
            if (!origin.get().isEmpty()) {
                return origin.get() + v;
            }
        }
        String abs = e.absUrl(attribute);
        return abs.isEmpty() ? value : abs;
    }

    /** {@code scheme://authority} of {@code base}, or "" when it has none. */
    private static String originOf(String base) {
        try {
            URI u = new URI(base);
            return u.getScheme() != null && u.getRawAuthority() != null
                    ? u.getScheme() + "://" + u.getRawAuthority()
                    : "";
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    /** The page's JSON-LD objects, parsed once. */
    List<com.fasterxml.jackson.databind.JsonNode> jsonLd() {
        if (jsonLd.isEmpty()) {
            jsonLd = Optional.of(JsonLd.blocks(document));
        }
        return jsonLd.get();
    }

    @Override
    public void submitForm(String css, Map<String, String> values, LinkTag tag) {
        requireNonNull(tag, "tag");
        Forms.Submission form =
                Forms.submit(document, css, values, response.finalUrl().toString(), this::resolve);
        follow(form.url(), form.body().map(tag::withBody).orElse(tag));
    }

    private String resolve(String url) {
        String base = response.finalUrl().toString();
        try {
            return URI.create(base).resolve(url.strip()).toString();
        } catch (IllegalArgumentException e) {
            Element a = document.createElement("a").attr("href", url);
            a.setBaseUri(document.location());
            return a.absUrl("href");
        }
    }

    /** What the handlers did with the page. */
    Extraction result(Optional<String> handlerError) {
        List<Extraction.Follow> out = new ArrayList<>();
        follows.forEach((tag, urls) -> out.add(new Extraction.Follow(List.copyOf(urls), tag)));
        List<String> allErrors = new ArrayList<>(errors);
        handlerError.ifPresent(allErrors::add);
        return new Extraction(
                List.copyOf(items),
                out,
                skipLinks,
                counts,
                allErrors,
                true,
                handlerError.isPresent(),
                retireSession);
    }
}
