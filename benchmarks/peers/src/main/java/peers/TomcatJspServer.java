package peers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat with Jasper serving JSPs from a folder (benchmarks/site-jsp), the anchor for Conduit's .aspx pages:
 * the same connector as {@link TomcatServer} (and its /plaintext and /json), and the folder deployed as a web
 * application at "/" with {@code Tomcat.addWebapp}, which brings the defaults of Tomcat's conf/web.xml (the default
 * servlet, the JSP servlet on *.jsp and *.jspx, the welcome files, the MIME types) and its class-path scans.
 *
 * <p>Jasper's settings: Tomcat's defaults (fork=false and xpoweredBy=false as {@code addWebapp} sets them; no
 * genStringAsCharArray, no trimSpaces, the JDT compiler at Java 11 source level, 8 KiB page buffer) except
 * development=false: what Tomcat's Jasper how-to recommends for production, and what Spring Boot, the usual way Tomcat
 * embed is deployed, sets by default; Jasper then no longer checks on access whether a JSP changed (the default checks
 * at most every 4 s, so the difference is small). The JSPs are not precompiled: Jasper compiles each on its first
 * request, which the harness's warm-up absorbs. JSTL (the GlassFish implementation, as Tomcat ships none; page-jstl.jsp
 * uses it) is found on the class path by Tomcat's default TLD scan.
 */
final class TomcatJspServer {
    static void start(int port) throws Exception {
        start(port, defaultDocBase());
    }

    static void start(int port, Path docBase) throws Exception {
        if (!Files.isRegularFile(docBase.resolve("page.jsp"))) {
            throw new IllegalArgumentException("no page.jsp in " + docBase.toAbsolutePath());
        }
        Tomcat tomcat = TomcatServer.create(port);
        Context context = tomcat.addWebapp("", docBase.toAbsolutePath().normalize().toString());
        // addWebapp's listener adds the default and JSP servlets before the context starts; this one runs after it.
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                ((Wrapper) context.findChild("jsp")).addInitParameter("development", "false");
            }
        });
        TomcatServer.addServlets(context);
        tomcat.start();
    }

    /**
     * The folder site-jsp in the nearest folder above this jar that has one: benchmarks/site-jsp for
     * benchmarks/peers/target/peers.jar, whatever the working directory.
     */
    static Path defaultDocBase() throws Exception {
        Path here = Path.of(TomcatJspServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path dir = here.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("site-jsp"))) {
                return dir.resolve("site-jsp");
            }
        }
        throw new IllegalStateException(
                "no site-jsp folder above " + here + "; pass the JSP folder as a third argument");
    }

    private TomcatJspServer() {}
}
