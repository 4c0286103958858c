package dev.conduit.internal.trace;

import dev.conduit.HttpContext;
import dev.conduit.HttpCookie;
import dev.conduit.NameValueCollection;
import dev.conduit.trace.TraceContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One request's trace: the messages written to {@link TraceContext} and the timing of every pipeline step. Used by
 * one request at a time (its steps never overlap), so it needs no locking. When the request is not traced, every
 * method returns at once.
 */
public final class RequestTrace implements TraceContext {
    private static final System.Logger LOG = System.getLogger("dev.conduit.trace");

    private final long start = System.nanoTime();
    private final boolean toLog;
    private boolean enabled;
    private final List<TraceRecord.Message> messages = new ArrayList<>();
    private final List<TraceRecord.StepTiming> steps = new ArrayList<>();

    public RequestTrace(boolean enabled, boolean toLog) {
        this.enabled = enabled;
        this.toLog = toLog;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean on) {
        this.enabled = on;
    }

    @Override
    public void write(@Nullable String category, @Nullable String message, @Nullable Throwable error) {
        add(category, message, error, false);
    }

    @Override
    public void warn(@Nullable String category, @Nullable String message, @Nullable Throwable error) {
        add(category, message, error, true);
    }

    private void add(@Nullable String category, @Nullable String message, @Nullable Throwable error, boolean warning) {
        if (!enabled) {
            return;
        }
        String c = category == null ? "" : category;
        String m = message == null ? "" : message;
        messages.add(
                new TraceRecord.Message(c, m, warning, error == null ? "" : stack(error), System.nanoTime() - start));
        if (toLog) {
            LOG.log(warning ? System.Logger.Level.WARNING : System.Logger.Level.INFO, c + ": " + m, error);
        }
    }

    /** The nano time a step starts at; pass it to {@link #step}. */
    public long now() {
        return System.nanoTime();
    }

    /** Records a step that started at {@code startedAt} and ends now. */
    public void step(String name, long startedAt) {
        steps.add(new TraceRecord.StepTiming(name, startedAt - start, System.nanoTime() - startedAt));
    }

    /** The record of the finished request, for the store and for page output. */
    public TraceRecord toRecord(HttpContext context, @Nullable NameValueCollection parsedForm) {
        var req = context.request();
        var res = context.response();
        var session = context.session();
        List<TraceRecord.Entry> sessionState = new ArrayList<>();
        if (session != null) {
            for (String k : session.keys()) {
                Object v = session.get(k);
                sessionState.add(
                        new TraceRecord.Entry(k, v == null ? "" : v.getClass().getName(), String.valueOf(v)));
            }
        }
        Charset out = res.charset();
        return new TraceRecord(
                context.timestamp(),
                req.requestType(),
                req.path(),
                res.statusCode(),
                session == null ? "" : session.sessionId(),
                req.contentEncoding().name(),
                out == null ? "" : out.name(),
                List.copyOf(messages),
                List.copyOf(steps),
                sessionState,
                TraceRecord.typed(context.application().snapshot()),
                cookies(req.cookies()),
                cookies(res.cookies()),
                entries(req.headers()),
                responseHeaders(context),
                parsedForm == null ? List.of() : entries(parsedForm),
                entries(req.queryString()),
                List.of(
                        new TraceRecord.Entry("REMOTE_ADDR", "", req.userHostAddress()),
                        new TraceRecord.Entry("REQUEST_METHOD", "", req.httpMethod()),
                        new TraceRecord.Entry("SERVER_PROTOCOL", "", req.protocol()),
                        new TraceRecord.Entry("PATH_INFO", "", req.pathInfo()),
                        new TraceRecord.Entry("SCRIPT_NAME", "", req.filePath()),
                        new TraceRecord.Entry("QUERY_STRING", "", req.queryStringText()),
                        new TraceRecord.Entry("HTTPS", "", req.isSecureConnection() ? "on" : "off")));
    }

    private static List<TraceRecord.Entry> responseHeaders(HttpContext context) {
        List<TraceRecord.Entry> out = new ArrayList<>(entries(context.response().headers()));
        out.add(new TraceRecord.Entry(
                "Content-Type", "", String.valueOf(context.response().header("Content-Type"))));
        return out;
    }

    private static List<TraceRecord.Entry> entries(NameValueCollection values) {
        List<TraceRecord.Entry> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(new TraceRecord.Entry(values.name(i), "", values.value(i)));
        }
        return out;
    }

    private static List<TraceRecord.Entry> cookies(List<HttpCookie> cookies) {
        return cookies.stream()
                .map(c -> new TraceRecord.Entry(c.name(), "", c.value()))
                .toList();
    }

    private static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
