package dev.conduit.testing;

import dev.conduit.HttpApplication;
import dev.conduit.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Writes a site folder for a test: {@code web.config} files, static files, {@code .ashx} handlers and a {@code
 * Global.asax}, then starts it on a {@link TestHost}.
 *
 * <pre>{@code
 * try (TestHost host = SiteBuilder.in(tempDir)
 *         .systemWeb("<httpHandlers><add verb=\"*\" path=\"*.x\" type=\"com.acme.Echo\"/></httpHandlers>")
 *         .systemWeb("members", "<authorization><deny users=\"?\"/></authorization>")
 *         .file("style.css", "body{}")
 *         .globalAsax(AcmeApplication.class)
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Every method writes at once, creating folders as needed and replacing a file that is already there, so a test can
 * also change a running site (to make it recompile or recycle). Paths are relative to the site root, with {@code /}
 * between segments; a folder is named without a trailing slash, and {@code ""} is the root. Text is written in UTF-8.
 * A failure to write is an {@link UncheckedIOException}. Not thread-safe: one test builds its site on one thread.
 */
public final class SiteBuilder {
    private final Path root;
    private @Nullable Instant modified;

    private SiteBuilder(Path root) {
        this.root = root;
    }

    /** A builder writing into {@code root}, which is created if it does not exist (a test's {@code @TempDir}, say). */
    public static SiteBuilder in(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SiteBuilder(root);
    }

    /** The site root. */
    public Path root() {
        return root;
    }

    /** The path of {@code relative} under the site root, to assert on or change a file the builder wrote. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** Writes the root {@code web.config} with exactly {@code text}. */
    public SiteBuilder webConfig(String text) {
        return webConfig("", text);
    }

    /** Writes the {@code web.config} of {@code folder} ({@code ""} for the root) with exactly {@code text}. */
    public SiteBuilder webConfig(String folder, String text) {
        return file(configPath(folder), text);
    }

    /**
     * Writes the root {@code web.config} with {@code content} inside {@code <system.web>}; see {@link
     * #systemWeb(String, String)}.
     */
    public SiteBuilder systemWeb(String content) {
        return systemWeb("", content);
    }

    /**
     * Writes the {@code web.config} of {@code folder} ({@code ""} for the root) with {@code content} inside {@code
     * <system.web>} and nothing else. The first line of {@code content} is line 3 of the file, so a test can predict
     * the line a configuration error names:
     *
     * <pre>{@code
     * <configuration>
     *   <system.web>
     * content
     *   </system.web>
     * </configuration>
     * }</pre>
     */
    public SiteBuilder systemWeb(String folder, String content) {
        return webConfig(
                folder, "<configuration>\n  <system.web>\n" + content + "\n  </system.web>\n</configuration>\n");
    }

    /** Writes {@code text} to the file {@code relative}. */
    public SiteBuilder file(String relative, String text) {
        return file(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to the file {@code relative}. */
    public SiteBuilder file(String relative, byte[] bytes) {
        Path file = root.resolve(relative);
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
            if (modified != null) {
                Files.setLastModifiedTime(file, FileTime.from(modified));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Writes a drop-in handler {@code relative} (a name ending in {@code .ashx}): the directive naming {@code
     * className} on line 1, then {@code javaSource} from line 2, which is where a compile error's line numbers count
     * from.
     */
    public SiteBuilder ashx(String relative, String className, String javaSource) {
        return file(relative, "<%@ WebHandler Language=\"Java\" Class=\"" + className + "\" %>\n" + javaSource);
    }

    /** Writes a {@code Global.asax} at the root naming {@code application} as the site's application class. */
    public SiteBuilder globalAsax(Class<? extends HttpApplication> application) {
        return globalAsax(application.getName());
    }

    /**
     * Writes a {@code Global.asax} at the root naming {@code className}, for an application class the site itself
     * compiles (from {@code App_Code}) or one the test expects to be refused.
     */
    public SiteBuilder globalAsax(String className) {
        return file("Global.asax", "<%@ Application Inherits=\"" + className + "\" %>\n");
    }

    /**
     * Gives every file written from now on the modification time {@code instant} (until called again); {@code null}
     * goes back to the file system's own time. Static-file tests choose the time their validators come from.
     */
    public SiteBuilder modifiedAt(@Nullable Instant instant) {
        this.modified = instant;
        return this;
    }

    /** Sets the modification time of the existing file {@code relative}, to make a change visible to the runtime. */
    public SiteBuilder lastModified(String relative, Instant instant) {
        try {
            Files.setLastModifiedTime(root.resolve(relative), FileTime.from(instant));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Starts the site on a {@link TestHost}.
     *
     * @throws dev.conduit.ConfigurationException when the site's configuration has errors
     */
    public TestHost start() {
        return TestHost.start(root);
    }

    /**
     * Starts the site on a {@link TestHost} with options adjusted by {@code options}, for example {@code o ->
     * o.withClock(clock)}.
     *
     * @throws dev.conduit.ConfigurationException when the site's configuration has errors
     */
    public TestHost start(UnaryOperator<RuntimeOptions> options) {
        return TestHost.start(options.apply(RuntimeOptions.of(root)));
    }

    private static String configPath(String folder) {
        return folder.isEmpty() ? "web.config" : folder + "/web.config";
    }
}
