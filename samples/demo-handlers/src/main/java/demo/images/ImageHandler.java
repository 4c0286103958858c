package demo.images;

import demo.images.ImageResizer.Plan;
import demo.images.ResizeRequest.Format;
import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpRequest;
import dev.conduit.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * The image server: serves an image file as it is, or resized and converted as its query string asks. Map it to the
 * image extensions of a folder, for GET and HEAD:
 *
 * <pre>{@code
 * <add verb="GET,HEAD" path="*.jpg,*.jpeg,*.png,*.gif,*.webp,*.bmp" type="demo.images.ImageHandler"/>
 * }</pre>
 *
 * <h2>Parameters</h2>
 *
 * <ul>
 *   <li>{@code w}, {@code h}: the box in pixels, 1 to {@code images.maxOutput}; either may be left out (it follows
 *       from the other and the aspect ratio).
 *   <li>{@code mode}: {@code max} (the default: fit inside the box, keep the aspect ratio, never enlarge), {@code
 *       crop} (fill the box exactly, cutting off evenly), {@code pad} (fit inside and fill the rest: transparent, or
 *       white in JPEG), {@code stretch} (fill the box exactly, distorting).
 *   <li>{@code format}: {@code jpg} or {@code png}; {@code webp} when a WebP encoder is installed in {@code bin/}
 *       (none is by default: the demo reads WebP but does not write it). The default is JPEG for a JPEG file and PNG
 *       otherwise.
 *   <li>{@code quality}: 1 to 100 for JPEG (and WebP), default {@value ResizeRequest#DEFAULT_QUALITY}.
 * </ul>
 *
 * <p>Without any of these parameters the file is sent as it is, zero-copy, with an ETag and Last-Modified like the
 * static file handler's (other parameters, such as {@code ?v=2} for cache busting, do not count). Byte ranges are not
 * offered for images.
 *
 * <h2>Answers</h2>
 *
 * <ul>
 *   <li>200 with the variant, {@code ETag} (a hash of the source's real path, modification time and size and the
 *       normalized parameters: known before any work, so {@code If-None-Match} answers 304 without touching the
 *       cache), {@code Last-Modified} (the source's), {@code Cache-Control: public, max-age=...}, and {@code
 *       X-Image-Cache: miss} when this request computed the variant, {@code hit} when it was cached or computed by a
 *       concurrent identical request.
 *   <li>400 for a bad parameter, or an output larger than {@code images.maxOutput} in either direction, with a
 *       message saying which rule was broken.
 *   <li>415 for a file no installed reader recognizes; 422 for a damaged one, or one over {@code
 *       images.maxMegapixels} (found from the header, before any pixel is decoded: decompression bombs are refused
 *       at the cost of reading a few bytes).
 *   <li>503 with {@code Retry-After} when the resize pool and its queue are full.
 *   <li>404 for a missing file, a hidden one, or path info after the file name.
 * </ul>
 *
 * <h2>Settings</h2>
 *
 * {@code <appSettings>} keys, read for the request's folder (so a sub-folder's web.config can change them):
 *
 * <ul>
 *   <li>{@code images.maxOutput} (4096): the largest output width or height.
 *   <li>{@code images.maxMegapixels} (50): the largest source, in millions of pixels.
 *   <li>{@code images.cacheBytes} (268435456, 256 MiB): the size bound of the variant cache, {@code
 *       App_Data/image-cache/} (see {@link VariantCache} for the eviction rule).
 *   <li>{@code images.threads} (the number of cores, at least 2) and {@code images.queue} (256): the resize pool's
 *       threads and the number of jobs that may wait for one (see {@link ResizePools}). Memory use peaks near threads
 *       × the decoded size of the largest source (about 4 bytes a pixel, twice while resizing).
 *   <li>{@code images.maxAge} (86400): the {@code max-age} of the Cache-Control header, in seconds.
 * </ul>
 *
 * <h2>Threading</h2>
 *
 * {@link #processRequestAsync} runs on the request's thread and does only quick work there: it checks the file and
 * the parameters, answers 304s and originals, and looks the variant up on disk. Decoding, resizing and encoding run
 * on the bounded pool; the returned stage completes from there, so no request thread waits for a resize, and plain
 * requests keep being served however many resizes are queued. Reusable: the instance holds no per-request state.
 */
public final class ImageHandler implements HttpAsyncHandler {
    private static final ImageCodecs CODECS = new ImageCodecs(ImageHandler.class.getClassLoader());
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "gif", "image/gif",
            "webp", "image/webp",
            "bmp", "image/bmp");

    /** The file being served: its real path and attributes. */
    private record SourceFile(Path path, BasicFileAttributes attributes, Instant modified) {}

    @Override
    public CompletionStage<Void> processRequestAsync(HttpContext context) {
        HttpRequest request = context.request();
        SourceFile source = sourceFile(request, context.timestamp());
        ImageSettings settings = ImageSettings.of(context);
        if (!ResizeRequest.isPresent(request.queryString())) {
            serveOriginal(context, source, settings);
            return CompletableFuture.completedFuture(null);
        }
        Path file = source.path();
        ResizeRequest resize = ResizeRequest.parse(
                request.queryString(),
                Format.defaultFor(file.getFileName().toString()),
                settings.maxOutput(),
                CODECS::canWrite);
        String hash = sha256(file + "|" + source.attributes().lastModifiedTime().toMillis() + "|"
                + source.attributes().size() + "|" + resize.canonical());
        String etag = "\"" + hash.substring(0, 32) + "\"";
        HttpResponse response = context.response();
        setValidators(response, etag, source.modified(), settings);
        if (notModified(request, etag, source.modified())) {
            response.setStatusCode(304);
            return CompletableFuture.completedFuture(null);
        }
        VariantCache cache =
                VariantCache.in(Path.of(request.physicalApplicationPath()).resolve("App_Data/image-cache"));
        CompletableFuture<Void> done = new CompletableFuture<>();
        // From here on the context belongs to whichever thread completes the variant; this one only returns.
        cache.obtain(
                        hash + "." + resize.format().extension(),
                        settings.cacheBytes(),
                        ResizePools.of(settings),
                        out -> render(file, resize, settings, out))
                .whenComplete((result, error) -> {
                    try {
                        if (error == null) {
                            send(response, result, resize.format());
                        } else if (unwrap(error) instanceof RejectedExecutionException) {
                            busy(response);
                        } else {
                            done.completeExceptionally(unwrap(error));
                            return;
                        }
                        done.complete(null);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                });
        return done;
    }

    @Override
    public boolean isReusable() {
        return true;
    }

    /** Runs on the resize pool: decode (after the header checks), resize, encode into {@code out}. */
    private static void render(Path file, ResizeRequest resize, ImageSettings settings, Path out) throws IOException {
        try (ImageCodecs.Source source = CODECS.open(file, settings.maxSourcePixels())) {
            Plan plan = ImageResizer.plan(source.width(), source.height(), resize, settings.maxOutput());
            CODECS.write(
                    ImageResizer.render(source.read(), plan, resize.format()), resize.format(), resize.quality(), out);
        }
    }

    private static void send(HttpResponse response, VariantCache.Result result, Format format) {
        response.setHeader("X-Image-Cache", result.computed() ? "miss" : "hit");
        response.setContentType(format.mediaType());
        response.setCharset(null);
        response.transmitFile(result.file());
    }

    private static void busy(HttpResponse response) {
        response.removeHeader("ETag");
        response.removeHeader("Last-Modified");
        response.setStatusCode(503);
        response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain");
        response.setCharset(StandardCharsets.UTF_8);
        response.write("The image server is busy: every resize thread is working and the queue is full."
                + " Please try again in a moment.\n");
    }

    private static void serveOriginal(HttpContext context, SourceFile source, ImageSettings settings) {
        HttpResponse response = context.response();
        // The static file handler's validator, so that a client's cached copy stays valid across the two.
        String etag = "\"" + Long.toHexString(source.modified().getEpochSecond()) + "-"
                + Long.toHexString(source.attributes().size()) + "\"";
        setValidators(response, etag, source.modified(), settings);
        String name = source.path().getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        response.setContentType(MEDIA_TYPES.getOrDefault(extension, "application/octet-stream"));
        response.setCharset(null);
        if (notModified(context.request(), etag, source.modified())) {
            response.setStatusCode(304);
            return;
        }
        response.transmitFile(source.path());
    }

    private static void setValidators(HttpResponse response, String etag, Instant modified, ImageSettings settings) {
        response.setHeader("ETag", etag);
        response.setHeader("Last-Modified", HTTP_DATE.format(modified));
        response.setHeader("Cache-Control", settings.cacheControl());
    }

    /**
     * RFC 9110 §13.1.2–13.1.3: If-None-Match (weak comparison) decides when present; otherwise If-Modified-Since
     * against the source's time.
     */
    private static boolean notModified(HttpRequest request, String etag, Instant modified) {
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String item : ifNoneMatch.split(",")) {
                String tag = item.trim();
                if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.header("If-Modified-Since");
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return !modified.isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The requested file, as the static file handler finds it: a regular file inside the site (links resolved),
     * with no hidden or protected segment and no path info; anything else is the same 404.
     */
    private static SourceFile sourceFile(HttpRequest request, Instant now) {
        if (!request.pathInfo().isEmpty() || request.filePath().contains("/.")) {
            throw notFound(request);
        }
        try {
            Path root = Path.of(request.physicalApplicationPath()).toRealPath();
            Path file = Path.of(request.physicalPath()).toRealPath();
            if (!file.startsWith(root) || isProtected(root.relativize(file))) {
                throw notFound(request);
            }
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                throw notFound(request);
            }
            Instant modified = attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
            Instant clamped = modified.isAfter(now) ? now.truncatedTo(ChronoUnit.SECONDS) : modified;
            return new SourceFile(file, attrs, clamped);
        } catch (IOException e) {
            throw notFound(request);
        }
    }

    /** The one 404 of this handler, whatever the reason, so that it tells nothing about what exists. */
    private static HttpException notFound(HttpRequest request) {
        return new HttpException(404, "The file '" + request.path() + "' does not exist.");
    }

    /** A link may lead to a hidden name or into App_Data, bin or App_Code: those are never served. */
    private static boolean isProtected(Path relative) {
        for (Path segment : relative) {
            String s = segment.toString();
            if (s.startsWith(".")
                    || s.equalsIgnoreCase("App_Data")
                    || s.equalsIgnoreCase("App_Code")
                    || s.equalsIgnoreCase("bin")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
