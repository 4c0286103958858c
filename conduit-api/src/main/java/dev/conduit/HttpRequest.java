package dev.conduit;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request as a handler sees it: the Java form of System.Web's {@code HttpRequest}.
 *
 * <p>Path properties, for the request {@code /dir/h.ashx/extra?x=1} on an application at {@code /}:
 *
 * <table>
 *   <caption>path properties</caption>
 *   <tr><th>method</th><th>value</th></tr>
 *   <tr><td>{@link #rawUrl()}</td><td>{@code /dir/h.ashx/extra?x=1} (as received)</td></tr>
 *   <tr><td>{@link #path()}</td><td>{@code /dir/h.ashx/extra} (decoded, normalized)</td></tr>
 *   <tr><td>{@link #filePath()}</td><td>{@code /dir/h.ashx}</td></tr>
 *   <tr><td>{@link #pathInfo()}</td><td>{@code /extra}</td></tr>
 *   <tr><td>{@link #appRelativeCurrentExecutionFilePath()}</td><td>{@code ~/dir/h.ashx}</td></tr>
 * </table>
 *
 * <p>The file path ends at the first segment that is an existing file or an {@code .axd} name; the rest is path
 * info. Query string, form, headers and cookies are parsed on first use. Reading the body or the form may block.
 */
public interface HttpRequest {

    /** The HTTP method as received, for example {@code GET}. */
    String httpMethod();

    /**
     * The request type that handler mapping uses; equal to {@link #httpMethod()} unless a module changed it with
     * {@link #setRequestType}.
     */
    String requestType();

    /** Changes the request type used for mapping, as System.Web's settable {@code RequestType}. */
    void setRequestType(String requestType);

    /** The absolute URL of the request, rebuilt from the Host header, scheme and raw target. */
    URI url();

    /** The request target exactly as received (path and query, still encoded). */
    String rawUrl();

    /** The decoded, normalized path: file path plus path info, without the query string. */
    String path();

    /** The app-absolute path of the requested file, without path info or query string. */
    String filePath();

    /** The part of {@link #path()} after {@link #filePath()}; empty when there is none. */
    String pathInfo();

    /** The application's virtual path; {@code /} for a site at the root. */
    String applicationPath();

    /** {@link #filePath()} relative to the application, starting with {@code ~/}. */
    String appRelativeCurrentExecutionFilePath();

    /** The file-system path {@link #filePath()} maps to; the file need not exist. */
    String physicalPath();

    /** The file-system path of the application's root folder. */
    String physicalApplicationPath();

    /** The query string without the leading {@code ?}, still encoded; empty when there is none. */
    String queryStringText();

    /** The decoded query string parameters, in order. */
    NameValueCollection queryString();

    /**
     * The decoded form fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body, in
     * order (a multipart body's files are in {@link #files()}); empty for other content types. The first call reads
     * the body, which may block.
     */
    NameValueCollection form();

    /**
     * The files of a {@code multipart/form-data} body, in order (its other fields are in {@link #form()}); empty for
     * other content types. The first call reads the body, which may block; a malformed body answers 400.
     */
    List<HttpPostedFile> files();

    /** The first uploaded file sent under the form field {@code name}, or {@code null}. */
    @Nullable
    HttpPostedFile file(String name);

    /** The request headers, in order, with case-insensitive names. */
    NameValueCollection headers();

    /** The first value of the named header, or {@code null}. */
    @Nullable
    String header(String name);

    /** The request cookies, in the order the client sent them. */
    List<HttpCookie> cookies();

    /** The first cookie with this name (case-sensitive, as cookie names are), or {@code null}. */
    @Nullable
    HttpCookie cookie(String name);

    /**
     * The value of {@code key} from the query string, then the form, then the cookies, as System.Web's indexer
     * {@code Request["key"]}; {@code null} when none has it.
     */
    @Nullable
    String get(String key);

    /**
     * The request body as a stream. Reading it may block; a body over {@code maxRequestLength} fails with an
     * {@link HttpException} of status 413.
     */
    InputStream inputStream();

    /** The Content-Type header, or {@code null} when there is none. */
    @Nullable
    String contentType();

    /** The declared body length, or -1 when unknown (chunked) or absent. */
    long contentLength();

    /** The charset of the body: the Content-Type's charset parameter, or UTF-8. */
    Charset contentEncoding();

    /** The HTTP version of the request, for example {@code HTTP/1.1}. */
    String protocol();

    /** The client's address and port. */
    InetSocketAddress remoteAddress();

    /** The client's IP address as text, as System.Web's {@code UserHostAddress}. */
    String userHostAddress();

    /** Tells whether the request came from this machine (a loopback or one of the server's own addresses). */
    boolean isLocal();

    /** Tells whether the request arrived over TLS. */
    boolean isSecureConnection();
}
