package demo;

import dev.conduit.HttpApplication;

/**
 * The demo's application class, named in the site's {@code Global.asax}: when the application ends it closes the
 * database pools, as an ASP.NET site disposes what it opened in {@code Application_End}.
 *
 * <p>The application ends when the server stops and when a change to {@code bin/}, a {@code web.config} or {@code
 * Global.asax} recycles it (a rebuild of demo-handlers.jar, say). The next application loads {@code bin/} in a class
 * loader of its own, with its own copies of {@link Db}, HikariCP and H2; until this one's pools are closed, its H2
 * still holds the database file and the new one cannot open it (the feed and Download.ashx would answer 503).
 */
public class Global extends HttpApplication {
    /** Creates the application; the runtime calls this constructor. */
    public Global() {}

    /** Closes the database pools ({@link Db#closeAll()}), after the application's last request. */
    @Override
    public void applicationEnd() {
        Db.closeAll();
    }
}
