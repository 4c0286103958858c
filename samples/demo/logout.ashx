<%@ WebHandler Language="Java" Class="demo.Logout" %>
package demo;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.security.FormsAuthentication;

/** Signs out and goes home. */
public class Logout implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        FormsAuthentication.signOut(context);
        context.response().redirect("/");
    }
}
