<%@ WebHandler Language="Java" Class="demo.Login" %>
package demo;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.security.FormsAuthentication;

/**
 * The login page forms authentication sends anonymous users to. GET shows the form; POST checks the demo account
 * (appSettings demo.user / demo.password) and, when it matches, signs in and goes back to ReturnUrl (local URLs only).
 */
public class Login implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        var req = context.request();
        String error = "";
        if (req.httpMethod().equals("POST")) {
            String user = req.form().getFirst("user");
            String password = req.form().getFirst("password");
            if (user != null && user.equals(context.appSetting("demo.user"))
                    && password != null && password.equals(context.appSetting("demo.password"))) {
                FormsAuthentication.redirectFromLoginPage(context, user, false);
                return;
            }
            error = "<p class=\"error\">That user name and password do not match.</p>";
        }
        String returnUrl = req.queryString().getFirst("ReturnUrl");
        String action = "login.ashx" + (returnUrl == null ? "" : "?ReturnUrl=" + context.server().urlEncode(returnUrl));
        context.response().setContentType("text/html");
        context.response().write("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title>
                <link rel="stylesheet" href="/css/site.css"></head><body>
                <header><h1>Sign in</h1><p>The demo account is <code>demo</code> / <code>demo</code>.</p></header>
                <main><section>%s
                <form method="post" action="%s">
                  <p><label>User name <input name="user" autocomplete="username"></label></p>
                  <p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p>
                  <p><button type="submit">Sign in</button></p>
                </form></section></main></body></html>
                """.formatted(error, context.server().htmlEncode(action)));
    }
}
