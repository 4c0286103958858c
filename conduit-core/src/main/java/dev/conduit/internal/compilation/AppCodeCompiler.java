package dev.conduit.internal.compilation;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a site's {@code App_Code/**}{@code /*.java} into a class folder, as System.Web compiles App_Code when the
 * application starts. The folder is cached under the compilation cache, keyed by a hash of every source (path and
 * content) and the class path, so a restart with unchanged sources compiles nothing. Errors are reported like
 * configuration errors: each with its file and line, all of them together.
 */
public final class AppCodeCompiler {
    private AppCodeCompiler() {}

    /**
     * The class folder for the site's App_Code, or {@code null} when it has no Java sources.
     *
     * @param cacheDir the site's compilation cache
     * @param classpath what App_Code compiles against (the API and bin/*.jar)
     * @param counter counts real compiler runs
     * @throws ConfigurationException listing every compile error with file and line
     */
    public static @Nullable Path compile(Path siteRoot, Path cacheDir, List<Path> classpath, AtomicInteger counter) {
        Path appCode = findAppCode(siteRoot);
        if (appCode == null) {
            return null;
        }
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(appCode)) {
            sources = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + appCode, e);
        }
        if (sources.isEmpty()) {
            return null;
        }
        String key = "app_code-" + hash(siteRoot, sources, classpath);
        Path out = cacheDir.resolve(key);
        if (Files.isDirectory(out)) {
            return out;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new ConfigurationException(
                    appCode,
                    0,
                    "App_Code",
                    "cannot compile App_Code: this Java runtime has no compiler (run Conduit on a JDK)");
        }
        counter.incrementAndGet();
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempDirectory(cacheDir, key + ".tmp");
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files =
                    compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = new ArrayList<>(
                        List.of("-proc:none", "-g", "-parameters", "-encoding", "UTF-8", "-d", tmp.toString()));
                if (!classpath.isEmpty()) {
                    options.add("-classpath");
                    options.add(String.join(
                            File.pathSeparator,
                            classpath.stream().map(Path::toString).toList()));
                }
                Boolean ok = compiler.getTask(
                                null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                        .call();
                if (!Boolean.TRUE.equals(ok)) {
                    throw new ConfigurationException(problems(diagnostics));
                }
            }
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another start compiled the same sources first; its folder is as good as ours
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write compiled App_Code under " + cacheDir, e);
        }
    }

    private static List<Problem> problems(DiagnosticCollector<JavaFileObject> diagnostics) {
        List<Problem> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
            out.add(new Problem(
                    file,
                    (int) Math.max(0, d.getLineNumber()),
                    "App_Code",
                    d.getMessage(Locale.ROOT) + " (column " + d.getColumnNumber() + ")"));
        }
        if (out.isEmpty()) {
            out.add(new Problem(null, 0, "App_Code", "App_Code did not compile"));
        }
        return out;
    }

    /** The App_Code folder (its name compared ignoring case), or {@code null}. */
    public static @Nullable Path findAppCode(Path siteRoot) {
        try (Stream<Path> children = Files.list(siteRoot)) {
            return children.filter(p -> p.getFileName().toString().equalsIgnoreCase("App_Code") && Files.isDirectory(p))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String hash(Path root, List<Path> sources, List<Path> classpath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(Runtime.version().feature()).getBytes(StandardCharsets.UTF_8));
            for (Path s : sources) {
                sha.update(root.relativize(s).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(s));
            }
            for (Path c : classpath) {
                sha.update(c.toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Long.toString(
                                Files.exists(c) ? Files.getLastModifiedTime(c).toMillis() : 0)
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
