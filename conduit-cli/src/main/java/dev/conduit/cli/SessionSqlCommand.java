package dev.conduit.cli;

import dev.conduit.session.jdbc.JdbcSessionStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code conduit session-sql [postgresql|h2] [--table NAME]}: prints the SQL that creates the JDBC session store's
 * table, for a database where the site's account may not create tables (then set {@code createSchema="false"}).
 */
@Command(
        name = "session-sql",
        mixinStandardHelpOptions = true,
        description = "Prints the SQL that creates the table of the JDBC session store (dev.conduit.session.jdbc"
                + ".JdbcSessionStore), for a DBA to run; the store otherwise creates it on first use.")
final class SessionSqlCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "DATABASE",
            defaultValue = "postgresql",
            description = "postgresql or h2 (default: ${DEFAULT-VALUE})")
    String database;

    @Option(
            names = "--table",
            paramLabel = "NAME",
            defaultValue = "conduit_sessions",
            description = "the table's name, as the provider's tableName attribute says (default: ${DEFAULT-VALUE})")
    String table;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!database.equalsIgnoreCase("postgresql") && !database.equalsIgnoreCase("h2")) {
            spec.commandLine().getErr().println("conduit: the database must be postgresql or h2: '" + database + "'");
            return 2;
        }
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            spec.commandLine().getErr().println("conduit: the table must be a plain SQL name: '" + table + "'");
            return 2;
        }
        spec.commandLine().getOut().print(JdbcSessionStore.schemaSql(database, table));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
