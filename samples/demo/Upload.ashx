<%@ WebHandler Language="Java" Class="Upload" %>
// Upload.ashx: stores the file posted by upload.html as a new attachment and links to Download.ashx?id=N.
// Compiled on first request against the site's bin/*.jar (demo.Db, demo.Attachments, the JDBC drivers).

import demo.Attachments;
import demo.Db;
import demo.Pages;
import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpPostedFile;
import dev.conduit.HttpUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Takes a {@code multipart/form-data} POST with a file in the field {@code file} and, optionally, a name to save it
 * under in the field {@code name}, and stores it through the demo database's pool.
 *
 * <p>The runtime parses the body: the request is refused with 413 beyond {@code <httpRuntime maxRequestLength>}, and
 * a file over 80 KB is spooled to a temporary file, deleted when the request ends. The handler streams that file
 * into the database ({@link Attachments#insert}), never holding it in memory, and answers 201 Created with a page
 * linking to the download (and a {@code Location} header naming it). Other verbs are redirected to the form.
 */
public class Upload implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        if (!context.request().httpMethod().equals("POST")) {
            context.response().redirect("upload.html");
            return;
        }
        HttpPostedFile file = context.request().file("file");
        if (file == null) {
            throw new HttpException(400, "Choose a file to upload: the form sent no file in the field 'file'.");
        }
        String saveAs = context.request().form().get("name");
        String fileName = saveAs == null || saveAs.isBlank() ? Attachments.fileNameOf(file) : saveAs.strip();
        if (fileName.length() > Attachments.MAX_NAME_LENGTH) {
            throw new HttpException(
                    400, "The file name is too long: " + Attachments.MAX_NAME_LENGTH + " characters at most.");
        }
        String contentType = Attachments.mediaTypeOrNull(file.contentType());
        long id;
        try {
            id = Db.with(context, c -> {
                try (InputStream in = file.inputStream()) {
                    return Attachments.insert(c, fileName, contentType, in, file.contentLength());
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the uploaded file failed", e);
                }
            });
        } catch (HttpException e) {
            if (e.statusCode() != 503) {
                throw e;
            }
            Pages.databaseUnavailable(context);
            return;
        }
        String link = "Download.ashx?id=" + id;
        Pages.write(
                context,
                201,
                "Stored",
                "<p><b>" + HttpUtility.htmlEncode(fileName) + "</b> (" + file.contentLength() + " bytes, "
                        + HttpUtility.htmlEncode(Attachments.contentTypeFor(contentType, fileName))
                        + ") is attachment " + id + ".</p>\n<p class=\"try\"><a href=\"" + link + "\">" + link
                        + "</a> <a href=\"upload.html\">Upload another file</a></p>");
        context.response().setHeader("Location", link);
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
