<%@ WebHandler Language="Java" Class="WhoAmI" %>
// private/whoami.ashx: answers "<user> <instance>"; only signed-in users reach it (private/web.config).

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;

public class WhoAmI implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        context.response().setContentType("text/plain");
        context.response().write(context.user().getName() + " " + ProcessHandle.current().pid());
    }
}
