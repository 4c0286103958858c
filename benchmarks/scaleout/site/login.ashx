<%@ WebHandler Language="Java" Class="Login" %>
// login.ashx?user=NAME: signs NAME in with a forms ticket (the farm's machine key signs it) and answers "signed in".

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.security.FormsAuthentication;

public class Login implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        FormsAuthentication.signIn(context, context.request().queryString().getFirst("user"), false);
        context.response().setContentType("text/plain");
        context.response().write("signed in");
    }
}
