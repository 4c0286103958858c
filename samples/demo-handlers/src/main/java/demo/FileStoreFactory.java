package demo;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A tiny file store under {@code App_Data/files}, mapped to {@code files/*}: a handler factory that returns a read
 * handler for GET and HEAD and a write handler for PUT and DELETE, the classic use of {@code IHttpHandlerFactory}.
 * Writing is for signed-in users only: the folder's {@code <authorization>} denies PUT and DELETE to anonymous users
 * (who are sent to the login page), so the handlers themselves stay simple. Names are one path segment of letters,
 * digits, dot, dash and underscore.
 */
public final class FileStoreFactory implements HttpHandlerFactory {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private final HttpHandler read = new ReadHandler();
    private final HttpHandler write = new WriteHandler();

    @Override
    public HttpHandler getHandler(HttpContext context, String verb, String url, String physicalPath) {
        return switch (verb) {
            case "GET", "HEAD" -> read;
            case "PUT", "DELETE" -> write;
            default -> throw new dev.conduit.HttpException(405, verb + " is not supported by the file store.");
        };
    }

    @Override
    public void releaseHandler(HttpHandler handler) {
        // Both handlers are stateless and shared: nothing to release.
    }

    static Path store(HttpContext context) throws IOException {
        return Files.createDirectories(Path.of(context.server().mapPath("~/App_Data/files")));
    }

    /** The file's name from the URL ({@code /files/report.pdf}); empty for the folder itself. */
    static String name(HttpContext context) {
        String path = context.request().filePath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            throw new HttpException(400, "File names are letters, digits, '.', '-' and '_', up to 100 characters.");
        }
        return name;
    }

    /** GET/HEAD: a file, or the list of files for the folder. */
    static final class ReadHandler implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) throws IOException {
            Path store = store(context);
            String name = name(context);
            if (name.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                try (Stream<Path> files = Files.list(store)) {
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> NAME.matcher(n).matches())
                            .sorted()
                            .forEach(n -> sb.append(n).append('\n'));
                }
                context.response().setContentType("text/plain");
                context.response().write(sb.toString());
                return;
            }
            Path file = store.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new HttpException(404, "There is no file named " + name + " in the store.");
            }
            String type = URLConnection.guessContentTypeFromName(name);
            context.response().setContentType(type == null ? "application/octet-stream" : type);
            context.response().setCharset(null);
            context.response().transmitFile(file);
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    /** PUT stores the body (streamed to a temporary file, then moved into place); DELETE removes the file. */
    static final class WriteHandler implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) throws IOException {
            Path store = store(context);
            String name = name(context);
            if (name.isEmpty()) {
                throw new HttpException(400, "Name the file: PUT /files/<name>.");
            }
            Path file = store.resolve(name);
            if (context.request().httpMethod().equals("DELETE")) {
                if (!Files.deleteIfExists(file)) {
                    throw new HttpException(404, "There is no file named " + name + " in the store.");
                }
                context.response().setStatusCode(204);
                return;
            }
            boolean existed = Files.exists(file);
            Path tmp = Files.createTempFile(store, ".upload-", ".tmp");
            try (InputStream in = context.request().inputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            context.response().setStatusCode(existed ? 204 : 201);
            if (!existed) {
                context.response().setHeader("Location", "/files/" + name);
            }
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }
}
