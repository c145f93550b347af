package dev.crawler.extract;

import static java.util.Objects.requireNonNull;

import dev.crawler.seed.RequestBody;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsoup.Connection;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * What submitting a form of a page asks for, as a browser pressing Enter does (and Scrapy's {@code
 * FormRequest.from_response}): the form's data as jsoup collects it (checked boxes and radios,
 * selected options, hidden inputs; nothing disabled), with only the first submit button, then the
 * caller's values. Stateless.
 */
public final class Forms {
    private Forms() {}

    /**
     * The request a form makes.
     *
     * @param url where it goes (with the fields as query, for a {@code GET})
     * @param body the body of a {@code POST}; none for a {@code GET}
     */
    public record Submission(String url, Optional<RequestBody> body) {}

    /**
     * The request submitting the form {@code css} selects in {@code document} makes.
     *
     * @param values fields replacing or adding to the form's own
     * @param pageUrl the page's URL, the action of a form without one
     * @param resolve makes an action absolute (empty when it is not a URL)
     * @throws IllegalArgumentException when {@code css} selects no {@code <form>}, or its action is
     *     not a URL
     */
    public static Submission submit(
            Document document,
            String css,
            Map<String, String> values,
            String pageUrl,
            UnaryOperator<String> resolve) {
        requireNonNull(values, "values");
        if (!(document.selectFirst(css) instanceof FormElement form)) {
            throw new IllegalArgumentException("no <form> matches '" + css + "'");
        }
        // the first submit button is the one clicked; jsoup's form data has every submit input
        Set<String> otherButtons = new HashSet<>();
        boolean first = true;
        for (Element b : form.select("input[type=submit][name], button[name]")) {
            if (!b.normalName().equals("button") || !b.attr("type").matches("(?i)reset|button")) {
                if (!first) otherButtons.add(b.attr("name"));
                first = false;
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Connection.KeyVal kv : form.formData()) {
            if (!otherButtons.contains(kv.key())) {
                fields.put(kv.key(), kv.value());
            }
        }
        fields.putAll(values);
        String action =
                form.attr("action").isBlank() ? pageUrl : resolve.apply(form.attr("action"));
        if (action.isEmpty()) {
            throw new IllegalArgumentException("the form's action is not a URL");
        }
        RequestBody data = RequestBody.form(fields);
        if (form.attr("method").equalsIgnoreCase("post")) {
            return new Submission(action, Optional.of(data));
        }
        int q = action.indexOf('?');
        return new Submission(
                (q < 0 ? action : action.substring(0, q)) + "?" + data.content(), Optional.empty());
    }
}
