<%@ WebHandler Language="Java" Class="Counter" %>
// counter.ashx: adds one to the session's counter and answers "<count> <instance>". The session is locked while it
// runs (RequiresSessionState), so two requests of one session never count at once, whichever instance serves them.

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
        context.response().write(next + " " + ProcessHandle.current().pid());
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
