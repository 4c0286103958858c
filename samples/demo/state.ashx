<%@ WebHandler Language="Java" Class="demo.StatePage" %>
package demo;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.state.RequiresSessionState;

/**
 * Two visit counters: one in the user's session (the handler asks for session state with the marker interface), one
 * in application state, shared by everyone (updated under the application lock).
 */
public class StatePage implements HttpHandler, RequiresSessionState {
    @Override
    public void processRequest(HttpContext context) {
        var session = context.session();
        Integer mine = (Integer) session.get("visits");
        mine = mine == null ? 1 : mine + 1;
        session.set("visits", mine);

        var app = context.application();
        int all;
        app.lock();
        try {
            Integer n = (Integer) app.get("visits");
            all = n == null ? 1 : n + 1;
            app.set("visits", all);
        } finally {
            app.unlock();
        }
        context.trace().write("state", "session visits " + mine + ", application visits " + all);
        var user = context.user();
        String who = user != null && !user.getName().isEmpty() ? context.server().htmlEncode(user.getName()) : "anonymous";
        context.response().setContentType("text/html");
        context.response().write("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>State</title>
                <link rel="stylesheet" href="/css/site.css"></head><body>
                <header><h1>Session and application state</h1></header>
                <main><section>
                <p>You (<b>%s</b>) have visited this page <b id="session-visits">%d</b> times in this session.</p>
                <p>Everyone together: <b id="application-visits">%d</b> visits since the application started.</p>
                <p><a href="/state.ashx">Reload</a> &middot; <a href="/">Back to the examples</a></p>
                </section></main></body></html>
                """.formatted(who, mine, all));
    }
}
