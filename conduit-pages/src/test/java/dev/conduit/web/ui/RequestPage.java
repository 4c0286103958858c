package dev.conduit.web.ui;

import dev.conduit.HttpContext;
import dev.conduit.HttpRequest;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A page that serves a fake request (file path and query string only), and a helper that renders a control. */
public class RequestPage extends Page {
    private final HttpContext context;
    private final HttpRequest request;

    /** A page serving {@code filePath} with the query string {@code query} (no {@code ?}; empty for none). */
    public RequestPage(String filePath, String query) {
        this.request =
                fake(HttpRequest.class, Map.of("filePath", filePath, "queryStringText", query, "applicationPath", "/"));
        this.context = fake(HttpContext.class, Map.of("request", request));
    }

    @Override
    public HttpContext getContext() {
        return context;
    }

    @Override
    public HttpRequest getRequest() {
        return request;
    }

    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (answers.containsKey(name)) {
                return answers.get(name);
            }
            return switch (name) {
                case "toString" -> "fake " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + name);
            };
        }));
    }

    /** {@code control} rendered on its own. */
    public static String render(Control control) throws Exception {
        StringWriter out = new StringWriter();
        HtmlTextWriter writer = new HtmlTextWriter(out);
        control.renderControl(writer);
        writer.flush();
        return out.toString();
    }
}
