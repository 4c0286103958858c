package dev.conduit.internal.trace;

import dev.conduit.HttpUtility;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The trace viewer's pages (spec §7.3): the list of traced requests, one request's details, the same as JSON for
 * tools, and the block appended to pages with {@code pageOutput}. Everything that came from a request is
 * HTML-encoded (or JSON-escaped). Details add one thing to System.Web's: a waterfall of the pipeline steps' timings.
 */
public final class TracePages {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String STYLE = "<style>"
            + "body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#1d2430}"
            + "h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.4em 0 .4em;padding:.3em .5em;background:#1d2430;color:#fff}"
            + "table{border-collapse:collapse;width:100%;margin-bottom:.5em}th,td{text-align:left;padding:.25em .5em;"
            + "border-bottom:1px solid #dde2ea;vertical-align:top}th{background:#f4f6fa}"
            + "tr.warn td{color:#b00020}pre{margin:.2em 0;white-space:pre-wrap;font-size:.85em}"
            + ".bar{height:12px;background:#2f6fde;border-radius:2px;min-width:1px}"
            + ".lane{position:relative;height:14px;background:#f4f6fa}"
            + ".lane .bar{position:absolute;top:1px}.muted{color:#5b6472}a{color:#2f6fde}"
            + "</style>";

    private TracePages() {}

    /** The list page: newest first, with the clear link. */
    public static String list(TraceStore store, String appPath) {
        List<TraceRecord> records = store.records();
        StringBuilder sb = head("Application Trace");
        sb.append("<h1>Application Trace</h1><p class=\"muted\">")
                .append(enc(appPath))
                .append(" &middot; <a href=\"trace.axd?clear=1\">[ clear current trace ]</a></p>")
                .append("<h2>Requests to this Application</h2><p class=\"muted\">Remaining: ")
                .append(
                        store.settings().mostRecent()
                                ? "unlimited (most recent kept)"
                                : String.valueOf(store.remaining()))
                .append("</p><table id=\"requests\"><tr><th>No.</th><th>Time of Request</th><th>File</th>"
                        + "<th>Status Code</th><th>Verb</th><th></th></tr>");
        for (int i = records.size() - 1; i >= 0; i--) {
            TraceRecord r = records.get(i);
            sb.append("<tr><td>")
                    .append(i + 1)
                    .append("</td><td>")
                    .append(TIME.format(r.time()))
                    .append("</td><td>")
                    .append(enc(r.path()))
                    .append("</td><td>")
                    .append(r.status())
                    .append("</td><td>")
                    .append(enc(r.verb()))
                    .append("</td><td><a href=\"trace.axd?id=")
                    .append(i)
                    .append("\">View Details</a></td></tr>");
        }
        return sb.append("</table></body></html>").toString();
    }

    /** One request's details, with the waterfall. */
    public static String details(TraceRecord r, int index, boolean sortByCategory) {
        StringBuilder sb = head("Request Details");
        sb.append("<h1>Request Details</h1><p><a href=\"trace.axd\">&larr; all requests</a></p>");
        body(sb, r, sortByCategory, true);
        sb.append(WATERFALL_SCRIPT);
        return sb.append("</body></html>").toString();
    }

    /** The block appended to an HTML page with pageOutput (includes the response headers, as System.Web's). */
    public static String inline(TraceRecord r, boolean sortByCategory) {
        StringBuilder sb =
                new StringBuilder(4096).append("<div id=\"__asptrace\">").append(STYLE);
        body(sb, r, sortByCategory, true);
        return sb.append(WATERFALL_SCRIPT).append("</div>").toString();
    }

    private static void body(StringBuilder sb, TraceRecord r, boolean sortByCategory, boolean responseHeaders) {
        section(
                sb,
                "Request Details",
                "details",
                List.of("", ""),
                List.of(
                        row("Session Id", r.sessionId()),
                        row("Request Type", r.verb()),
                        row("Time of Request", TIME.format(r.time())),
                        row("Status Code", String.valueOf(r.status())),
                        row("Request Encoding", r.requestEncoding()),
                        row("Response Encoding", r.responseEncoding())));
        messages(sb, r, sortByCategory);
        waterfall(sb, r);
        section(sb, "Session State", "session", List.of("Session Key", "Type", "Value"), typed(r.sessionState()));
        section(
                sb,
                "Application State",
                "application",
                List.of("Application Key", "Type", "Value"),
                typed(r.applicationState()));
        section(
                sb,
                "Request Cookies Collection",
                "request-cookies",
                List.of("Name", "Value", "Size"),
                cookies(r.requestCookies()));
        section(
                sb,
                "Response Cookies Collection",
                "response-cookies",
                List.of("Name", "Value", "Size"),
                cookies(r.responseCookies()));
        section(sb, "Headers Collection", "headers", List.of("Name", "Value"), plain(r.headers()));
        if (responseHeaders) {
            section(
                    sb,
                    "Response Headers Collection",
                    "response-headers",
                    List.of("Name", "Value"),
                    plain(r.responseHeaders()));
        }
        section(sb, "Form Collection", "form", List.of("Name", "Value"), plain(r.form()));
        section(sb, "Querystring Collection", "querystring", List.of("Name", "Value"), plain(r.queryString()));
        section(sb, "Server Variables", "server-variables", List.of("Name", "Value"), plain(r.serverVariables()));
    }

    private static void messages(StringBuilder sb, TraceRecord r, boolean sortByCategory) {
        List<TraceRecord.Message> ms = new ArrayList<>(r.messages());
        if (sortByCategory) {
            ms.sort(Comparator.comparing(TraceRecord.Message::category));
        }
        sb.append("<h2>Trace Information</h2><table id=\"trace-information\"><tr><th>Category</th><th>Message</th>"
                + "<th>From First(s)</th><th>From Last(s)</th></tr>");
        long first = r.messages().isEmpty() ? 0 : r.messages().get(0).nanos();
        long last = first;
        boolean isFirst = true;
        for (TraceRecord.Message m : ms) {
            sb.append(m.warning() ? "<tr class=\"warn\">" : "<tr>")
                    .append("<td>")
                    .append(enc(m.category()))
                    .append("</td><td>")
                    .append(enc(m.text()));
            if (!m.error().isEmpty()) {
                sb.append("<pre>").append(enc(m.error())).append("</pre>");
            }
            sb.append("</td><td>")
                    .append(isFirst ? "" : seconds(m.nanos() - first))
                    .append("</td><td>")
                    .append(isFirst ? "" : seconds(m.nanos() - last))
                    .append("</td></tr>");
            last = m.nanos();
            isFirst = false;
        }
        sb.append("</table>");
    }

    private static void waterfall(StringBuilder sb, TraceRecord r) {
        long total = 1;
        for (TraceRecord.StepTiming s : r.steps()) {
            total = Math.max(total, s.startNanos() + s.durationNanos());
        }
        sb.append("<h2>Pipeline Waterfall</h2><table id=\"waterfall\" data-total=\"")
                .append(total)
                .append(
                        "\"><tr><th>Step</th><th>Start (ms)</th><th>Duration (ms)</th><th style=\"width:50%\"></th></tr>");
        for (TraceRecord.StepTiming s : r.steps()) {
            sb.append("<tr><td>")
                    .append(enc(s.name()))
                    .append("</td><td>")
                    .append(millis(s.startNanos()))
                    .append("</td><td>")
                    .append(millis(s.durationNanos()))
                    .append("</td><td><div class=\"lane\" data-start=\"")
                    .append(s.startNanos())
                    .append("\" data-duration=\"")
                    .append(s.durationNanos())
                    .append("\"></div></td></tr>");
        }
        sb.append("</table>");
    }

    /** Draws the waterfall bars from the data attributes, and marks the table as drawn. */
    private static final String WATERFALL_SCRIPT = "<script>(function(){"
            + "var t=document.getElementById('waterfall');if(!t)return;var total=+t.dataset.total||1;var n=0;"
            + "t.querySelectorAll('.lane').forEach(function(l){var b=document.createElement('div');b.className='bar';"
            + "b.style.left=(100*(+l.dataset.start)/total)+'%';"
            + "b.style.width=Math.max(0.3,100*(+l.dataset.duration)/total)+'%';l.appendChild(b);n++;});"
            + "t.dataset.drawn=String(n);})();</script>";

    private static List<List<String>> typed(List<TraceRecord.Entry> entries) {
        return entries.stream().map(e -> List.of(e.name(), e.type(), e.value())).toList();
    }

    private static List<List<String>> plain(List<TraceRecord.Entry> entries) {
        return entries.stream().map(e -> List.of(e.name(), e.value())).toList();
    }

    private static List<List<String>> cookies(List<TraceRecord.Entry> entries) {
        return entries.stream()
                .map(e -> List.of(
                        e.name(),
                        e.value(),
                        String.valueOf(e.name().length() + e.value().length() + 1)))
                .toList();
    }

    private static List<String> row(String a, String b) {
        return List.of(a, b);
    }

    private static void section(
            StringBuilder sb, String title, String id, List<String> columns, List<List<String>> rows) {
        sb.append("<h2>")
                .append(enc(title))
                .append("</h2><table id=\"")
                .append(id)
                .append("\">");
        if (!columns.get(0).isEmpty()) {
            sb.append("<tr>");
            for (String c : columns) {
                sb.append("<th>").append(enc(c)).append("</th>");
            }
            sb.append("</tr>");
        }
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (String cell : row) {
                sb.append("<td>").append(enc(cell)).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table>");
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(8192)
                .append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(enc(title))
                .append("</title>")
                .append(STYLE)
                .append("</head><body>");
    }

    private static String enc(String s) {
        return HttpUtility.htmlEncode(s);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    // ---- JSON -----------------------------------------------------------------------------------------------

    /** The list as JSON: {@code {"remaining":n,"requests":[{"id":0,...}]}}. */
    public static String listJson(TraceStore store) {
        StringBuilder sb =
                new StringBuilder("{\"remaining\":").append(store.remaining()).append(",\"requests\":[");
        List<TraceRecord> records = store.records();
        for (int i = 0; i < records.size(); i++) {
            TraceRecord r = records.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":")
                    .append(i)
                    .append(",\"time\":")
                    .append(str(r.time().toString()))
                    .append(",\"path\":")
                    .append(str(r.path()))
                    .append(",\"status\":")
                    .append(r.status())
                    .append(",\"verb\":")
                    .append(str(r.verb()))
                    .append('}');
        }
        return sb.append("]}").toString();
    }

    /** One request as JSON, every section included. */
    public static String detailsJson(TraceRecord r) {
        StringBuilder sb = new StringBuilder(4096).append('{');
        sb.append("\"time\":")
                .append(str(r.time().toString()))
                .append(",\"verb\":")
                .append(str(r.verb()))
                .append(",\"path\":")
                .append(str(r.path()))
                .append(",\"status\":")
                .append(r.status())
                .append(",\"sessionId\":")
                .append(str(r.sessionId()))
                .append(",\"messages\":[");
        for (int i = 0; i < r.messages().size(); i++) {
            TraceRecord.Message m = r.messages().get(i);
            sb.append(i > 0 ? "," : "")
                    .append("{\"category\":")
                    .append(str(m.category()))
                    .append(",\"message\":")
                    .append(str(m.text()))
                    .append(",\"warning\":")
                    .append(m.warning())
                    .append(",\"error\":")
                    .append(str(m.error()))
                    .append(",\"nanos\":")
                    .append(m.nanos())
                    .append('}');
        }
        sb.append("],\"steps\":[");
        for (int i = 0; i < r.steps().size(); i++) {
            TraceRecord.StepTiming s = r.steps().get(i);
            sb.append(i > 0 ? "," : "")
                    .append("{\"name\":")
                    .append(str(s.name()))
                    .append(",\"startNanos\":")
                    .append(s.startNanos())
                    .append(",\"durationNanos\":")
                    .append(s.durationNanos())
                    .append('}');
        }
        sb.append(']');
        entries(sb, "sessionState", r.sessionState());
        entries(sb, "applicationState", r.applicationState());
        entries(sb, "requestCookies", r.requestCookies());
        entries(sb, "responseCookies", r.responseCookies());
        entries(sb, "headers", r.headers());
        entries(sb, "responseHeaders", r.responseHeaders());
        entries(sb, "form", r.form());
        entries(sb, "queryString", r.queryString());
        entries(sb, "serverVariables", r.serverVariables());
        return sb.append('}').toString();
    }

    private static void entries(StringBuilder sb, String name, List<TraceRecord.Entry> entries) {
        sb.append(",\"").append(name).append("\":[");
        for (int i = 0; i < entries.size(); i++) {
            TraceRecord.Entry e = entries.get(i);
            sb.append(i > 0 ? "," : "")
                    .append("{\"name\":")
                    .append(str(e.name()))
                    .append(",\"type\":")
                    .append(str(e.type()))
                    .append(",\"value\":")
                    .append(str(e.value()))
                    .append('}');
        }
        sb.append(']');
    }

    /** A JSON string literal (RFC 8259 §7), with {@code <}, {@code >} and {@code &} escaped too. */
    static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
