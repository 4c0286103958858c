package demo;

import dev.conduit.HttpPostedFile;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What {@code Upload.ashx} and {@code Download.ashx} share: storing an attachment, and turning what a client sent
 * (a file name, a media type) into values that are safe to store and to send back.
 *
 * <p><b>Storage.</b> The bytes go into the {@code attachments.content} column as a {@link java.sql.Blob} written
 * from a stream of known length ({@link PreparedStatement#setBlob(int, InputStream, long)}), so no attachment is
 * ever held in memory: on H2 the column is a {@code BLOB}, which H2 keeps in its file and streams back; on
 * PostgreSQL it is an {@code OID} naming a large object, which the driver writes and reads in chunks. (A {@code
 * BYTEA} would be simpler SQL, but the PostgreSQL driver reads a {@code BYTEA} value whole into memory, so a 500 MiB
 * download would need 500 MiB of heap.) PostgreSQL opens large objects only inside a transaction, so both the write
 * here and the read in {@code Download.ashx} turn auto-commit off.
 */
public final class Attachments {
    /** The longest file name the table holds ({@code file_name VARCHAR(500)}). */
    public static final int MAX_NAME_LENGTH = 500;

    /** The longest media type the table holds ({@code content_type VARCHAR(200)}). */
    private static final int MAX_TYPE_LENGTH = 200;

    /** What a media type must look like to be sent back: {@code type/subtype}, RFC 9110 tokens. */
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*(;.*)?", Pattern.DOTALL);

    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([A-Za-z0-9._:+-]+)\"?");

    private static final String OCTET_STREAM = "application/octet-stream";

    /** Types the JDK's own table lacks or gets wrong; the rest come from {@link URLConnection#getFileNameMap()}. */
    private static final Map<String, String> MIME = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("md", "text/markdown"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"));

    private Attachments() {}

    /**
     * Stores one attachment, reading {@code length} bytes from {@code content} straight into the database, in a
     * transaction of its own; returns the new id. The caller owns {@code c} and {@code content}; {@code c}'s
     * auto-commit setting is restored.
     *
     * @throws SQLException when the insert fails (nothing is stored then)
     */
    public static long insert(
            Connection c, String fileName, @Nullable String contentType, InputStream content, long length)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO attachments (file_name, content_type, length, content, uploaded) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, fileName);
            ps.setString(2, contentType);
            ps.setLong(3, length);
            ps.setBlob(4, content, length);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new attachment");
                }
                id = keys.getLong("id");
            }
            c.commit();
            return id;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * The name to store for an uploaded file: its last path segment (old browsers send {@code C:\dir\name.txt}),
     * with the three escapes the HTML standard has browsers write into a multipart file name ({@code %22} for
     * {@code "}, {@code %0D} for CR, {@code %0A} for LF) turned back into the characters the user's file has. The
     * result may hold any character: it is only ever sent back through {@link ContentDisposition} or HTML-encoded.
     */
    public static String fileNameOf(HttpPostedFile file) {
        return cleanFileName(file.fileName());
    }

    /** {@link #fileNameOf(HttpPostedFile)} for a name as sent; {@code upload} when nothing is left. */
    public static String cleanFileName(String sent) {
        String name = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
        // https://html.spec.whatwg.org/#multipart-form-data: only these three are escaped, so only these are undone.
        name = name.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
        name = name.strip();
        return name.isEmpty() ? "upload" : name;
    }

    /**
     * The media type a client sent with an upload, kept if it is a well-formed {@code type/subtype} of at most 200
     * characters (a known charset parameter is kept too, other parameters dropped), else {@code null}.
     */
    public static @Nullable String mediaTypeOrNull(@Nullable String sent) {
        if (sent == null || sent.length() > MAX_TYPE_LENGTH) {
            return null;
        }
        Matcher m = MEDIA_TYPE.matcher(sent);
        if (!m.matches()) {
            return null;
        }
        String type = m.group(1).toLowerCase(Locale.ROOT);
        String params = m.group(2);
        if (params != null) {
            Matcher cs = CHARSET.matcher(params);
            if (cs.find() && isSupportedCharset(cs.group(1))) {
                return type + "; charset=" + cs.group(1);
            }
        }
        return type;
    }

    /**
     * The Content-Type to send for an attachment: the stored type when it is well-formed and says more than {@code
     * application/octet-stream}, else the type {@link #mimeMapping(String) the file name's extension} maps to.
     */
    public static String contentTypeFor(@Nullable String stored, String fileName) {
        String type = mediaTypeOrNull(stored);
        if (type != null && !type.startsWith(OCTET_STREAM)) {
            return type;
        }
        return mimeMapping(fileName);
    }

    /**
     * The media type for a file name's extension, as System.Web's {@code MimeMapping.GetMimeMapping}; {@code
     * application/octet-stream} when the extension is unknown or missing.
     */
    public static String mimeMapping(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return OCTET_STREAM;
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        String known = MIME.get(ext);
        if (known != null) {
            return known;
        }
        String jdk = URLConnection.getFileNameMap().getContentTypeFor("f." + ext);
        String checked = mediaTypeOrNull(jdk);
        return checked == null ? OCTET_STREAM : checked;
    }

    private static boolean isSupportedCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
