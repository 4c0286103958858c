package demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.h2.api.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * A copy of samples/demo in a temporary folder, without its App_Data folder, for a test to serve: its database,
 * image cache and file store live under the copy's own App_Data, so no test reads or writes the real site's (and a
 * test runs while {@code ./conduit demo} holds the real H2 file, which H2 locks). {@link #close()} shuts the copy's
 * database down and deletes the folder; stop the server serving the copy first.
 */
final class DemoSiteCopy implements AutoCloseable {
    /** The real demo site, relative to this module's folder (where Maven runs the tests). */
    static final Path DEMO = Path.of("../demo").toAbsolutePath().normalize();

    /** The connection string the demo's web.config holds: an H2 file under the site's App_Data. */
    static final String DEMO_CONNECTION_STRING = "jdbc:h2:file:|DataDirectory|/demo;DB_CLOSE_DELAY=-1";

    private final Path root;
    private final String connectionString;

    private DemoSiteCopy(Path root, String connectionString) {
        this.root = root;
        this.connectionString = connectionString;
    }

    /** Copies the site with its own connection string, which then names an H2 file under the copy's App_Data. */
    static DemoSiteCopy create() throws IOException {
        return create(null);
    }

    /** Copies the site; {@code connectionString} replaces the demo's own in the copy's web.config, or {@code null}. */
    static DemoSiteCopy create(@Nullable String connectionString) throws IOException {
        assertThat(DEMO.resolve("bin/demo-handlers.jar"))
                .as("the build copies the handlers into bin/")
                .exists();
        Path root = Files.createTempDirectory("conduit-demo-");
        Files.walkFileTree(DEMO, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = DEMO.relativize(dir);
                if (relative.equals(Path.of("App_Data"))) {
                    return FileVisitResult.SKIP_SUBTREE; // not even listed: a running demo may be changing it
                }
                Files.createDirectories(root.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, root.resolve(DEMO.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
        Path webConfig = root.resolve("web.config");
        String config = Files.readString(webConfig);
        assertThat(config).as("the demo's connection string").contains(DEMO_CONNECTION_STRING);
        if (connectionString != null) {
            Files.writeString(
                    webConfig, config.replace(DEMO_CONNECTION_STRING, connectionString.replace("&", "&amp;")));
        }
        // As the runtime expands it for the copy's requests (and as Db names the copy's pool).
        String expanded = (connectionString != null ? connectionString : DEMO_CONNECTION_STRING)
                .replace("|DataDirectory|", root.resolve("App_Data").toString());
        return new DemoSiteCopy(root, expanded);
    }

    /** The copy's folder, to serve. */
    Path root() {
        return root;
    }

    /** The copy's connection string as its requests see it ({@code |DataDirectory|} replaced). */
    String connectionString() {
        return connectionString;
    }

    /** A direct connection to the copy's database, for preparing or checking data beside the handlers. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(connectionString);
    }

    /** Closes the copy's pool, shuts its H2 database down (if a request created one) and deletes the folder. */
    @Override
    public void close() throws IOException, SQLException {
        try {
            Db.close(connectionString);
            if (connectionString.startsWith("jdbc:h2:")) {
                shutDownH2();
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private void shutDownH2() throws SQLException {
        // Db.close shut down what this JVM's pool opened, but DB_CLOSE_DELAY=-1 keeps a database that connect() opened
        // open after its last connection closes; IFEXISTS, because connecting to a database that nothing created
        // would create one.
        try (Connection c = DriverManager.getConnection(connectionString + ";IFEXISTS=TRUE");
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                throw e;
            }
        }
    }
}
