package dev.conduit.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of a {@code <sessionState><providers><add>} naming the Redis store, read as Microsoft's {@code
 * RedisSessionStateProvider} reads them, so an existing site's entry works unchanged.
 *
 * <p>{@code host} (default {@code localhost}), {@code port} (6379, or 6380 with {@code ssl}), {@code accessKey} (the
 * password), {@code ssl}, {@code databaseId} (0), {@code applicationName} (the key prefix, so that sites share a Redis;
 * default {@code /}), {@code connectionTimeoutInMilliseconds} (5000), {@code operationTimeoutInMilliseconds} (2000: a
 * command that takes longer fails the request with 503, as Redis being down does). {@code connectionString} wins over
 * host, port, accessKey, ssl and databaseId: a {@code redis://} or {@code rediss://} URI, or StackExchange.Redis's
 * form ({@code host:port,password=…,ssl=True,defaultDatabase=2,abortConnect=False}). {@code retryTimeoutInMilliseconds},
 * {@code throwOnError}, {@code redisSerializerType}, {@code settingsClassName}, {@code settingsMethodName}, {@code
 * loggingClassName} and {@code loggingMethodName} have no meaning here: each is a warning.
 *
 * @param host the server's host
 * @param port its port
 * @param password the password, or null
 * @param ssl whether to use TLS
 * @param database the database number
 * @param applicationName the key prefix
 * @param connectTimeout how long a connection attempt may take
 * @param operationTimeout how long a command may take
 * @param warnings what the attributes set without effect, one message each
 */
record RedisSettings(
        String host,
        int port,
        @Nullable String password,
        boolean ssl,
        int database,
        String applicationName,
        Duration connectTimeout,
        Duration operationTimeout,
        List<String> warnings) {

    private static final Set<String> INERT = Set.of(
            "retryTimeoutInMilliseconds",
            "throwOnError",
            "redisSerializerType",
            "settingsClassName",
            "settingsMethodName",
            "loggingClassName",
            "loggingMethodName");

    private static final Set<String> KNOWN = Set.of(
            "host",
            "port",
            "accessKey",
            "ssl",
            "databaseId",
            "applicationName",
            "connectionTimeoutInMilliseconds",
            "operationTimeoutInMilliseconds",
            "connectionString",
            "description");

    /**
     * Reads {@code attributes}.
     *
     * @throws IllegalArgumentException for a value that does not read (a port that is not a number, say)
     */
    static RedisSettings of(Map<String, String> attributes) {
        List<String> warnings = new ArrayList<>();
        for (String name : attributes.keySet()) {
            if (INERT.contains(name)) {
                warnings.add(name + " has no effect in Conduit"
                        + (name.equals("retryTimeoutInMilliseconds") || name.equals("throwOnError")
                                ? " (a request whose store is unreachable fails at once with 503)"
                                : name.equals("redisSerializerType") ? " (session data is Java-serialized)" : ""));
            } else if (!KNOWN.contains(name)) {
                warnings.add("unknown attribute '" + name + "' (ignored)");
            }
        }
        boolean ssl = bool(attributes.get("ssl"), "ssl");
        String host = attributes.getOrDefault("host", "localhost");
        int port = integer(attributes.get("port"), ssl ? 6380 : 6379, "port");
        String password = blankToNull(attributes.get("accessKey"));
        int database = integer(attributes.get("databaseId"), 0, "databaseId");
        String cs = blankToNull(attributes.get("connectionString"));
        if (cs != null) {
            if (cs.startsWith("redis://") || cs.startsWith("rediss://")) {
                java.net.URI uri = java.net.URI.create(cs);
                ssl = cs.startsWith("rediss://");
                host = uri.getHost() == null ? host : uri.getHost();
                port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 6380 : 6379);
                String info = uri.getUserInfo();
                if (info != null) {
                    password = info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
                }
                String path = uri.getPath();
                if (path != null && path.length() > 1) {
                    database = integer(path.substring(1), 0, "connectionString database");
                }
            } else {
                boolean first = true;
                for (String part : cs.split(",")) {
                    String p = part.trim();
                    if (p.isEmpty()) {
                        continue;
                    }
                    int eq = p.indexOf('=');
                    if (first && eq < 0) {
                        int colon = p.lastIndexOf(':');
                        host = colon < 0 ? p : p.substring(0, colon);
                        if (colon >= 0) {
                            port = integer(p.substring(colon + 1), port, "connectionString port");
                        }
                    } else if (eq > 0) {
                        String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                        String value = p.substring(eq + 1).trim();
                        switch (key) {
                            case "password" -> password = value;
                            case "ssl" -> ssl = bool(value, "connectionString ssl");
                            case "defaultdatabase" -> database = integer(value, 0, "connectionString defaultDatabase");
                            default -> {} // abortConnect, connectTimeout, syncTimeout, ...: StackExchange's own
                        }
                    }
                    first = false;
                }
            }
        }
        return new RedisSettings(
                host,
                port,
                password,
                ssl,
                database,
                attributes.getOrDefault("applicationName", "/"),
                Duration.ofMillis(integer(attributes.get("connectionTimeoutInMilliseconds"), 5000, "timeout")),
                Duration.ofMillis(integer(attributes.get("operationTimeoutInMilliseconds"), 2000, "timeout")),
                List.copyOf(warnings));
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean bool(@Nullable String v, String what) {
        if (v == null) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(what + " must be true or false: '" + v + "'");
    }

    private static int integer(@Nullable String v, int dflt, String what) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number: '" + v + "'");
        }
    }
}
