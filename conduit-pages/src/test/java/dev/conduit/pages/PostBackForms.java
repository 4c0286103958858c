package dev.conduit.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a browser does with a server form, for tests: read its hidden fields, post them back with the user's input. */
final class PostBackForms {
    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"__VIEWSTATE\" id=\"__VIEWSTATE\" value=\"([^\"]*)\"");

    private PostBackForms() {}

    static String viewState(String html) {
        Matcher m = VIEW_STATE.matcher(html);
        assertThat(m.find()).as("a __VIEWSTATE field in %s", html).isTrue();
        return m.group(1).replace("&#43;", "+").replace("&#47;", "/").replace("&#61;", "=");
    }

    static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" id=\"[^\"]*\" value=\"([^\"]*)\" />");

    /** The hidden fields of {@code html}'s form and then {@code fields}: what a browser posts. */
    static Map<String, String> form(String html, String... fields) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher h = HIDDEN.matcher(html);
        while (h.find()) {
            m.put(h.group(1), h.group(2));
        }
        fields(fields).forEach((name, value) -> {
            m.remove(name); // posted where the caller puts it, as a browser posts in document order
            m.put(name, value);
        });
        return m;
    }

    static TestResponse post(TestHost host, String target, Map<String, String> fields, String... repeated) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields.entrySet());
        for (int i = 0; i < repeated.length; i += 2) {
            all.add(Map.entry(repeated[i], repeated[i + 1]));
        }
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> f : all) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
        }
        return host.post(target)
                .body("application/x-www-form-urlencoded", body.toString())
                .send();
    }

    static Map<String, String> fields(String... nameValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return m;
    }
}
