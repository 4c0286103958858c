package dev.conduit;

/**
 * A {@code <connectionStrings><add>} entry as site code reads it ({@code ConfigurationManager.ConnectionStrings}).
 *
 * <p>As in ASP.NET, the token {@code |DataDirectory|} in the connection string stands for the site's {@code App_Data}
 * folder: {@code jdbc:h2:file:|DataDirectory|/demo} keeps an H2 database there.
 *
 * @param name the entry's name
 * @param connectionString the connection string (a JDBC URL for Java data access), {@code |DataDirectory|} expanded
 * @param providerName the provider name, or an empty string
 */
public record ConnectionStringSettings(String name, String connectionString, String providerName) {}
