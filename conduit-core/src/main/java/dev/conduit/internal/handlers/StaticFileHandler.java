package dev.conduit.internal.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpUtility;
import dev.conduit.MethodNotAllowedException;
import dev.conduit.internal.config.MimeTypes;
import dev.conduit.internal.config.StaticContentSettings;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.ConduitRequest;
import dev.conduit.internal.pipeline.NonBlocking;
import dev.conduit.internal.pipeline.RequestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Serves files, as System.Web's {@code StaticFileHandler} (spec §3.5) with DESIGN §10's differences.
 *
 * <ul>
 *   <li>GET and HEAD only; POST (which the built-in list maps here, as System.Web's {@code DefaultHttpHandler}) and
 *       anything else answer 405 with {@code Allow: GET, HEAD}.
 *   <li>A missing file, a hidden one (a segment starting with {@code .}), a name ending in {@code .}, path info
 *       after a file, a file addressed as a folder ({@code /web.config/}, which no extension mapping matches), or a
 *       file whose real path (links resolved) is outside the site folder: 404, all with the same page.
 *   <li>A folder: 302 to the same path with a {@code /} (query kept); with the {@code /} (and no default document,
 *       which the runtime applies before mapping): 403.
 *   <li>Validators: {@code Last-Modified} truncated to seconds and clamped to now; an {@code ETag} from that time and
 *       the length, weak when the file changed in the last 3 seconds (it may still be being written).
 *   <li>Conditionals answered here rather than by an output cache (a deliberate difference with the same visible
 *       result): {@code If-Match} / {@code If-Unmodified-Since} → 412; {@code If-None-Match} (weak comparison) or,
 *       without it, {@code If-Modified-Since} → 304.
 *   <li>Ranges: {@code If-Range}; one range → 206 with {@code Content-Range}; several → {@code multipart/byteranges};
 *       none satisfiable or an empty file → 416 with {@code Content-Range: bytes *}{@code /len}; more than five
 *       times the file requested in total → 400; a malformed header is ignored (full 200).
 *   <li>The body is sent with {@code transmitFile}: zero-copy where the host can. A file of at most 64 KiB is then
 *       kept in the site's {@link StaticFileCache} and later requests get it from memory, on the host's network
 *       thread (see {@link #mayBlock}), after one {@code stat} that proves it unchanged.
 * </ul>
 */
public final class StaticFileHandler implements HttpHandler, NonBlocking {
    /** System.Web's multipart boundary, kept for clients that were written against it. */
    static final String BOUNDARY = "q1w2e3r4t5y6u7i8o9p0zaxscdvfbgnhmjklkl";

    private static final Duration WEAK_WINDOW = Duration.ofSeconds(3);

    /** A cache entry found fresh by {@link #mayBlock} for the request about to run (an instance serves one at a time). */
    private StaticFileCache.@Nullable Entry hit;

    @Override
    public boolean isReusable() {
        return true;
    }

    /**
     * Only a fresh hit in the site's cache of small files is served on a network thread (one {@code stat}, then bytes
     * from memory); everything else (the first request for a file, a large file, a range, a folder, an error)
     * resolves paths and opens files, on a thread that may block.
     */
    @Override
    public boolean mayBlock(HttpContext context) {
        ConduitContext c = ConduitContext.of(context);
        ConduitRequest r = c.request();
        String verb = r.httpMethod();
        String path = r.filePath();
        if (!(verb.equals("GET") || verb.equals("HEAD"))
                || r.header("Range") != null
                || isHidden(path)
                || path.endsWith(".")
                || path.endsWith("/")
                || !r.pathInfo().isEmpty()) {
            return true;
        }
        hit = StaticFileCache.of(c.site()).fresh(path);
        return hit == null;
    }

    @Override
    public void processRequest(HttpContext context) throws IOException {
        ConduitContext c = ConduitContext.of(context);
        ConduitRequest request = c.request();
        String verb = request.httpMethod();
        String path = request.filePath();
        if (!verb.equals("GET") && !verb.equals("HEAD")) {
            throw new MethodNotAllowedException(
                    "The HTTP verb " + verb + " used to access path '" + path + "' is not allowed.", "GET, HEAD");
        }
        if (isHidden(path) || path.endsWith(".") || !request.pathInfo().isEmpty()) {
            throw notFound(request);
        }
        StaticFileCache cache = StaticFileCache.of(c.site());
        StaticFileCache.Entry cached = hit != null ? hit : cache.fresh(path);
        hit = null;
        if (cached != null) {
            serve(c, cached.file(), cached.modifiedTime(), cached.size(), cached);
            return;
        }
        Path file = request.physicalFile();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
            Path root = c.site().realSiteRoot();
            Path real = file.toRealPath();
            // Links are followed only within the site, and never into a protected folder or a hidden name.
            String inside = "/" + root.relativize(real).toString().replace('\\', '/');
            if (!real.startsWith(root) || RequestPaths.hasHiddenSegment(inside) || isHidden(inside)) {
                throw notFound(request);
            }
        } catch (IOException e) {
            throw notFound(request);
        }
        if (attrs.isDirectory()) {
            folder(context, path);
            return;
        }
        if (!attrs.isRegularFile() || path.endsWith("/")) {
            throw notFound(request);
        }
        // This request sends the file from the disk (zero-copy); a small one is kept for the requests that follow.
        cache.load(path, file, attrs);
        serve(c, file, attrs.lastModifiedTime(), attrs.size(), null);
    }

    private static void folder(HttpContext context, String path) {
        if (path.endsWith("/")) {
            throw new HttpException(
                    403, "Directory listing is not allowed here, and the folder has no default document.");
        }
        String query = context.request().queryStringText();
        context.response().redirect(encodePath(path + "/") + (query.isEmpty() ? "" : "?" + query), false);
    }

    /** Percent-encodes a decoded path for a URL, a {@code ?} in a name included (it would otherwise start a query). */
    private static String encodePath(String path) {
        return Arrays.stream(path.split("\\?", -1))
                .map(HttpUtility::urlPathEncode)
                .collect(Collectors.joining("%3F"));
    }

    /** The strong ETag of a file: its modification second and length, in hex. */
    static String strongTag(Instant modified, long length) {
        return "\"" + Long.toHexString(modified.getEpochSecond()) + "-" + Long.toHexString(length) + "\"";
    }

    /** Answers for a file that passed the checks; {@code cached} (when not null) supplies validators and content. */
    private static void serve(
            ConduitContext c, Path file, FileTime modifiedTime, long length, StaticFileCache.@Nullable Entry cached) {
        var response = c.response();
        var request = c.request();
        StaticContentSettings settings = c.config().staticContent();
        Instant now = c.timestamp();
        Instant exact = modifiedTime.toInstant();
        Instant modified = exact.truncatedTo(ChronoUnit.SECONDS);
        boolean clamped = modified.isAfter(now);
        if (clamped) {
            modified = now.truncatedTo(ChronoUnit.SECONDS);
        }
        boolean precomputed = cached != null && !clamped;
        boolean weak = exact.isAfter(now.minus(WEAK_WINDOW));
        String tag = precomputed ? cached.tag() : strongTag(modified, length);
        String etag = weak ? "W/" + tag : tag;
        String type = MimeTypes.lookup(settings.mimeTypes(), file.getFileName().toString());

        if (precomputed && !weak) {
            // From memory, its validators known: the head the entry keeps, built once.
            response.useHead(type, cached.head(settings.cacheControl(), type));
        } else {
            response.setHeader("Last-Modified", precomputed ? cached.lastModified() : HttpDates.format(modified));
            response.setHeader("ETag", etag);
            response.setHeader("Accept-Ranges", "bytes");
            if (settings.cacheControl() != null) {
                response.setHeader("Cache-Control", settings.cacheControl());
            }
            response.setContentType(type);
            response.setCharset(null);
        }

        Integer conditional = conditional(request, etag, weak, modified, now);
        if (conditional != null) {
            response.setStatusCode(conditional);
            return;
        }
        String range = request.header("Range");
        if (range != null && rangeApplies(request.header("If-Range"), etag, weak, modified, now)) {
            if (ranges(c, file, range, length, type)) {
                return;
            }
        }
        if (cached != null) {
            response.transmitBuffer(cached.content());
        } else {
            response.transmitFile(file, 0, length);
        }
    }

    /** 412 or 304 when a precondition decides the answer (RFC 9110 §13.2.2 order), else null. */
    private static @Nullable Integer conditional(
            ConduitRequest request, String etag, boolean weak, Instant modified, Instant now) {
        String ifMatch = request.header("If-Match");
        if (ifMatch != null) {
            if (!ifMatch.trim().equals("*") && (weak || !listContains(ifMatch, etag, false))) {
                return 412;
            }
        } else {
            String ius = request.header("If-Unmodified-Since");
            Instant date = ius == null ? null : HttpDates.parse(ius, now);
            if (date != null && modified.isAfter(date)) {
                return 412;
            }
        }
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.trim().equals("*") || listContains(ifNoneMatch, etag, true) ? 304 : null;
        }
        String ims = request.header("If-Modified-Since");
        Instant date = ims == null ? null : HttpDates.parse(ims, now);
        if (date != null && !modified.isAfter(date) && !date.isAfter(now)) {
            return 304;
        }
        return null;
    }

    /** Whether {@code etag} is in the comma-separated list; weak comparison ignores {@code W/} on both sides. */
    private static boolean listContains(String list, String etag, boolean weakComparison) {
        String want = weakComparison ? stripWeak(etag) : etag;
        for (String item : list.split(",")) {
            String t = item.trim();
            if ((weakComparison ? stripWeak(t) : t).equals(want)) {
                return true;
            }
        }
        return false;
    }

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** If-Range: a strong ETag must match exactly; a weak one never does; a date must not be older than the file. */
    private static boolean rangeApplies(
            @Nullable String ifRange, String etag, boolean weak, Instant modified, Instant now) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("W/")) {
            return false;
        }
        if (v.startsWith("\"")) {
            return !weak && v.equals(etag);
        }
        Instant date = HttpDates.parse(v, now);
        return date != null && !modified.isAfter(date);
    }

    /** Answers a Range request; false when the header is to be ignored (a full 200 follows). */
    private static boolean ranges(ConduitContext c, Path file, String header, long length, String type) {
        var response = c.response();
        if (!header.trim().regionMatches(true, 0, "bytes", 0, 5)) {
            return false;
        }
        if (length == 0) {
            unsatisfiable(c, 0);
            return true;
        }
        ByteRanges.Parsed parsed = ByteRanges.parse(header, length);
        if (parsed == null) {
            return false;
        }
        if (parsed.ranges().isEmpty()) {
            unsatisfiable(c, length);
            return true;
        }
        if (parsed.requested() > 5 * length) {
            response.clearHeaders();
            response.setStatusCode(400);
            response.write("<html><body>Bad Request</body></html>");
            c.completeRequest();
            return true;
        }
        response.setStatusCode(206);
        if (parsed.ranges().size() == 1) {
            ByteRanges.Range r = parsed.ranges().get(0);
            response.setHeader("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + length);
            response.transmitFile(file, r.first(), r.length());
            return true;
        }
        response.setContentType("multipart/byteranges; boundary=" + BOUNDARY);
        for (ByteRanges.Range r : parsed.ranges()) {
            response.write(("--" + BOUNDARY + "\r\nContent-Type: " + type + "\r\nContent-Range: bytes " + r.first()
                            + "-" + r.last() + "/" + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            response.transmitFile(file, r.first(), r.length());
            response.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        response.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return true;
    }

    private static void unsatisfiable(ConduitContext c, long length) {
        var response = c.response();
        response.setStatusCode(416);
        response.setHeader("Content-Range", "bytes */" + length);
        response.setContentType("text/plain");
        response.removeHeader("ETag");
        response.removeHeader("Last-Modified");
        response.write("Requested range not satisfiable.".getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isHidden(String path) {
        return path.contains("/.");
    }

    /** The one 404 of this handler, whatever the reason, so that it tells nothing about what exists. */
    private static HttpException notFound(ConduitRequest request) {
        return new HttpException(404, "The file '" + request.path() + "' does not exist.");
    }
}
