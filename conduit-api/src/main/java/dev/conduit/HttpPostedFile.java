package dev.conduit;

import java.io.InputStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A file uploaded in a {@code multipart/form-data} request: the Java form of System.Web's {@code HttpPostedFile}.
 *
 * <p>Small parts are kept in memory; a part over the disk threshold (80 KB, System.Web's {@code
 * requestLengthDiskThreshold}) is spooled to a temporary file, which the runtime deletes when the request ends: {@link
 * #saveAs} or read it before then.
 */
public interface HttpPostedFile {

    /** The form field the file was sent under. */
    String name();

    /**
     * The file name the client sent, as sent: never trust it as a path (use it, if at all, for display, or take its
     * last segment and check it).
     */
    String fileName();

    /** The part's Content-Type, or {@code null}. */
    @Nullable
    String contentType();

    /** The file's length in bytes. */
    long contentLength();

    /** The file's content; each call starts at the beginning. */
    InputStream inputStream();

    /**
     * Writes the file to {@code target} (replacing it), moving the spooled temporary file when possible.
     *
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    void saveAs(Path target);
}
