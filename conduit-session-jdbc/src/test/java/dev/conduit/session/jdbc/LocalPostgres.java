package dev.conduit.session.jdbc;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.state.SessionStoreFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication), which the PostgreSQL tests
 * need: skipped with a printed message where there is none, required under {@code CI=true}.
 */
public final class LocalPostgres {
    private LocalPostgres() {}

    /** The JDBC URL. */
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** The session tests' fixture with the machine's PostgreSQL. */
    public static final SessionStoreFixture STORE = SessionStoreFixture.custom(
            "PostgreSQL",
            "<add name=\"store\" type=\"dev.conduit.session.jdbc.JdbcSessionStore\" connectionString=\""
                    + URL.replace("&", "&amp;") + "\" applicationName=\"conduit-tests\"/>");

    /** The session tests' fixture with an in-memory H2 database. */
    public static final SessionStoreFixture H2 = SessionStoreFixture.custom(
            "H2",
            "<add name=\"store\" type=\"dev.conduit.session.jdbc.JdbcSessionStore\""
                    + " connectionString=\"jdbc:h2:mem:conduit-sessions;DB_CLOSE_DELAY=-1\"/>");

    /** Skips the calling test class when there is no PostgreSQL (fails under CI=true). */
    public static void require() {
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (!up && "true".equals(System.getenv("CI"))) {
            fail("PostgreSQL is required under CI=true and there is none at 127.0.0.1:5432");
        }
        if (!up) {
            System.out.println("Skipping the PostgreSQL tests: no PostgreSQL at 127.0.0.1:5432");
        }
        assumeTrue(up, "no PostgreSQL at 127.0.0.1:5432");
    }
}
