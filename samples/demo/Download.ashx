<%@ WebHandler Language="Java" Class="Download" %>
// Download.ashx?id=N: sends attachment N from the demo database as a file download.
// Compiled on first request against the site's bin/*.jar (demo.Db, demo.Attachments, the JDBC drivers).

import demo.Attachments;
import demo.ContentDisposition;
import demo.Db;
import demo.Pages;
import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Blob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The classic database download handler: the attachment's name, type and bytes come from the {@code demo}
 * connection string's database through its HikariCP pool, with one parameterized query. The bytes are streamed from
 * the database to the client in 64 KiB pieces with output buffering off and the exact Content-Length declared, so a
 * file of any size passes through a fixed amount of memory. The pooled connection is held until the last byte is
 * sent, so the pool's size (8) bounds the downloads in progress; a request that finds no free connection within the
 * pool's 3 seconds gets the 503 page.
 *
 * <p>Answers 400 for a missing or non-numeric id, 404 for an unknown one, 503 with a page of its own when the
 * database cannot be reached. HEAD gets the headers without reading the bytes.
 */
public class Download implements HttpHandler {
    private static final int CHUNK = 64 * 1024;

    @Override
    public void processRequest(HttpContext context) {
        String raw = context.request().queryString().get("id");
        if (raw == null || !raw.matches("[0-9]{1,18}")) {
            throw new HttpException(400, "Download.ashx needs a numeric id, for example Download.ashx?id=1.");
        }
        long id = Long.parseLong(raw);
        try {
            Db.with(context, c -> {
                // PostgreSQL reads large objects only inside a transaction; for H2 it changes nothing.
                c.setAutoCommit(false);
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT file_name, content_type, content FROM attachments WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new HttpException(404, "There is no attachment " + id + ".");
                        }
                        String fileName = rs.getString(1);
                        Blob content = rs.getBlob(3);
                        send(context, fileName, Attachments.contentTypeFor(rs.getString(2), fileName), content);
                        content.free();
                    }
                } finally {
                    c.rollback(); // nothing was written: end the read-only transaction
                    c.setAutoCommit(true);
                }
                return null;
            });
        } catch (HttpException e) {
            if (e.statusCode() != 503 || context.response().isHeadersWritten()) {
                throw e;
            }
            Pages.databaseUnavailable(context);
        }
    }

    private static void send(HttpContext context, String fileName, String contentType, Blob content)
            throws java.sql.SQLException {
        HttpResponse res = context.response();
        long length = content.length();
        res.setCharset(null); // the stored bytes are sent as they are: no charset is added to text types
        res.setContentType(contentType);
        res.setHeader("Content-Disposition", ContentDisposition.attachment(fileName));
        res.setHeader("Content-Length", Long.toString(length));
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Cache-Control", "private, no-cache");
        res.setBufferOutput(false);
        res.flush(); // the head goes out now, with the declared length
        if (context.request().httpMethod().equals("HEAD")) {
            return;
        }
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = content.getBinaryStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (!res.isClientConnected()) {
                    return; // the runtime sees the short body and closes the connection
                }
                res.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading attachment from the database failed", e);
        }
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
