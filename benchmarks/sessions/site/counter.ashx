<%@ WebHandler Language="Java" Class="Counter" %>
// counter.ashx: a session read-write request: reads the counter, adds one, writes it back (the session is locked while
// it runs and saved after it).

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.state.RequiresSessionState;

public class Counter implements HttpHandler, RequiresSessionState {
    @Override
    public void processRequest(HttpContext context) {
        Object n = context.session().get("count");
        int next = (n == null ? 0 : (Integer) n) + 1;
        context.session().set("count", next);
        context.response().setContentType("text/plain");
        context.response().write(Integer.toString(next));
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
