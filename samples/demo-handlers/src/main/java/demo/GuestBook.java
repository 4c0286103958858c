package demo;

import dev.conduit.HttpContext;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest book of {@code guestbook.aspx}: entries in the demo database's {@code guestbook} table (created with the
 * others by {@link Db#createSchema}), written and deleted with parameterized SQL. The page validates what it stores;
 * the limits here are the columns'.
 */
public final class GuestBook {
    /** The longest name stored. */
    public static final int MAX_NAME = 100;
    /** The longest e-mail address stored. */
    public static final int MAX_EMAIL = 200;
    /** The longest message stored. */
    public static final int MAX_MESSAGE = 1000;
    /** The topics an entry may have: the page's drop-down list offers these, and only these are stored. */
    public static final List<String> TOPICS = List.of("General", "Handlers", "Pages", "Performance");

    /** How many entries the page shows, newest first. */
    private static final int SHOWN = 50;

    private GuestBook() {}

    /**
     * An entry: the e-mail address is kept but never shown.
     *
     * @param id its key, the delete command's argument
     */
    public record Entry(long id, String name, String topic, String message, Instant signed) {}

    /** The newest entries, newest first. */
    public static List<Entry> newest(HttpContext context) {
        return Db.with(context, c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, topic, message, signed FROM guestbook ORDER BY signed DESC, id DESC")) {
                ps.setMaxRows(SHOWN);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Stores an entry and gives its id.
     *
     * @throws IllegalArgumentException for a value the columns cannot hold or a topic not offered (the page's
     *     validators let none through)
     */
    public static long sign(HttpContext context, String name, String email, String topic, String message) {
        if (name.isBlank() || name.length() > MAX_NAME || email.length() > MAX_EMAIL) {
            throw new IllegalArgumentException(
                    "a name of 1 to " + MAX_NAME + " characters, an e-mail of up to " + MAX_EMAIL);
        }
        if (!TOPICS.contains(topic) || message.isBlank() || message.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException(
                    "one of the topics " + TOPICS + " and a message of 1 to " + MAX_MESSAGE + " characters");
        }
        return Db.with(context, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO guestbook (name, email, topic, message, signed) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name.strip());
                ps.setString(2, email.isBlank() ? null : email.strip());
                ps.setString(3, topic);
                ps.setString(4, message.strip());
                ps.setTimestamp(5, Timestamp.from(Instant.now()));
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Deletes entry {@code id}; false when there was none. */
    public static boolean delete(HttpContext context, long id) {
        return Db.with(context, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM guestbook WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
