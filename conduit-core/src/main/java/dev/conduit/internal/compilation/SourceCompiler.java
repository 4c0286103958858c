package dev.conduit.internal.compilation;

import dev.conduit.HttpException;
import dev.conduit.feature.CompilationException;
import dev.conduit.feature.SiteCompiler;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * Compiles site code in memory with the JDK's compiler (one file, or several that refer to each other), and caches
 * the class files on disk.
 *
 * <p>The cache key is a SHA-256 of the Conduit and Java versions and every source's virtual path and text, so a restart, or the
 * same file on another request, finds the classes without compiling; a changed file gets a new key. The cache folder
 * holds one sub-folder per key, written to a temporary name and moved into place, so a crash never leaves a half
 * cache entry behind. {@link #compilations()} counts real compiler runs (tests use it to prove the cache works).
 */
public final class SourceCompiler {
    private static final String VERSION = versionOf();
    private static final int CONTEXT_LINES = 2;

    private final Path cacheDir;
    private final List<Path> classpath;
    private final AtomicInteger compilations;
    /** Compilations under way, by key: a second caller with the same sources waits for the first's result. */
    private final ConcurrentHashMap<String, CompletableFuture<Compiled>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param cacheDir where compiled classes are kept between restarts
     * @param classpath what the sources compile against: the API jar, the site's bin/*.jar and App_Code classes
     */
    public SourceCompiler(Path cacheDir, List<Path> classpath) {
        this(cacheDir, classpath, new AtomicInteger());
    }

    private SourceCompiler(Path cacheDir, List<Path> classpath, AtomicInteger counter) {
        this.cacheDir = cacheDir;
        this.classpath = List.copyOf(classpath);
        this.compilations = counter;
    }

    /** This compiler with {@code extra} added to the class path (the compiled App_Code), sharing its counter. */
    public SourceCompiler withClasspath(Path extra) {
        List<Path> cp = new ArrayList<>(classpath);
        cp.add(extra);
        return new SourceCompiler(cacheDir, cp, compilations);
    }

    /** The counter of compiler runs, shared with App_Code compilation. */
    public AtomicInteger counter() {
        return compilations;
    }

    /** The classes compiled from one call: class name to bytecode. */
    public record Compiled(String key, Map<String, byte[]> classes) {}

    /**
     * The classes of {@code source}, from the cache or compiled now.
     *
     * @param virtualPath the file's path in the site, for messages ({@code /dir/h.ashx})
     * @param source the Java source
     * @param firstLine the line of the file where {@code source} starts (after a directive), so messages name file
     *     lines
     * @throws CompilationException when it does not compile
     * @throws HttpException 500 when this runtime has no compiler (a JRE rather than a JDK)
     */
    public Compiled compile(String virtualPath, String source, int firstLine) {
        return compile(List.of(SiteCompiler.Source.of(virtualPath, source, firstLine)));
    }

    /**
     * The classes of {@code sources}, compiled together, from the cache or compiled now; concurrent calls with the same
     * sources compile once.
     *
     * @throws CompilationException when they do not compile, with diagnostics mapped to the users' files
     * @throws HttpException 500 when this runtime has no compiler (a JRE rather than a JDK)
     */
    public Compiled compile(List<SiteCompiler.Source> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("nothing to compile");
        }
        String key = key(sources);
        Compiled cached = readCache(key);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<Compiled> mine = new CompletableFuture<>();
        CompletableFuture<Compiled> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            Compiled done = readCache(key); // finished between the first look and our claim
            if (done == null) {
                Map<String, byte[]> classes = compileNow(sources);
                writeCache(key, classes);
                done = new Compiled(key, classes);
            }
            mine.complete(done);
            return done;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static Compiled join(CompletableFuture<Compiled> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the same CompilationException the compiling caller got
            }
            throw e;
        }
    }

    /** How many times the compiler actually ran. */
    public int compilations() {
        return compilations.get();
    }

    private Map<String, byte[]> compileNow(List<SiteCompiler.Source> sources) {
        String first = sources.get(0).file();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new HttpException(
                    500,
                    "Cannot compile " + first
                            + ": this Java runtime has no compiler (run Conduit on a JDK, not a JRE).");
        }
        compilations.incrementAndGet();
        Map<JavaFileObject, SiteCompiler.Source> units = new LinkedHashMap<>();
        for (SiteCompiler.Source source : sources) {
            String className = primaryClassName(source.javaSource());
            String text = source.javaSource();
            units.put(
                    new SimpleJavaFileObject(uri(className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return text;
                        }
                    },
                    source);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        try (StandardJavaFileManager standard =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(
                        JavaFileManager.Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                    return new SimpleJavaFileObject(uri(name.replace('.', '/') + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                        }
                    };
                }
            };
            List<String> options = new ArrayList<>(List.of("-proc:none", "-g", "-parameters", "-encoding", "UTF-8"));
            if (!classpath.isEmpty()) {
                options.add("-classpath");
                options.add(String.join(
                        File.pathSeparator,
                        classpath.stream().map(Path::toString).toList()));
            }
            Boolean ok = compiler.getTask(null, manager, diagnostics, options, null, units.keySet())
                    .call();
            if (!Boolean.TRUE.equals(ok)) {
                throw new CompilationException(first, describe(units, diagnostics));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** The compiler's errors, each at the user's file and line, with an excerpt of that file (or of the source). */
    private static List<CompilationException.Diagnostic> describe(
            Map<JavaFileObject, SiteCompiler.Source> units, DiagnosticCollector<JavaFileObject> collected) {
        List<CompilationException.Diagnostic> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            SiteCompiler.Source source = units.get(d.getSource());
            if (source == null) {
                source = units.values().iterator().next(); // not about one unit (an option, say): the first file
            }
            int generated = (int) Math.max(1, d.getLineNumber());
            int original = source.originalLine().applyAsInt(generated);
            boolean mapped = source.originalText() != null && original > 0;
            String[] lines = (mapped ? source.originalText() : source.javaSource()).split("\n", -1);
            int shown = mapped ? original : generated;
            out.add(new CompilationException.Diagnostic(
                    source.file(),
                    Math.max(original, 1),
                    Math.max(1, d.getColumnNumber()),
                    d.getMessage(Locale.ROOT),
                    excerpt(lines, shown)));
        }
        return out;
    }

    /** The lines around {@code line} (1-based in {@code lines}), numbered, the line itself marked. */
    private static String excerpt(String[] lines, int line) {
        StringBuilder excerpt = new StringBuilder();
        for (int n = Math.max(1, line - CONTEXT_LINES); n <= Math.min(lines.length, line + CONTEXT_LINES); n++) {
            excerpt.append(n == line ? ">" : " ")
                    .append(String.format(Locale.ROOT, "%5d: ", n))
                    .append(lines[n - 1].replace("\r", ""))
                    .append('\n');
        }
        return excerpt.toString();
    }

    /**
     * The public top-level class's name, which the compiler requires as the file name: {@code package} plus the first
     * {@code public class|interface|record|enum} found; the file may hold more classes.
     */
    static String primaryClassName(String source) {
        String pkg = "";
        var pm = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(source);
        if (pm.find()) {
            pkg = pm.group(1) + ".";
        }
        var cm = Pattern.compile(
                        "\\bpublic\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*(?:class|interface|record|enum)\\s+(\\w+)")
                .matcher(source);
        return pkg + (cm.find() ? cm.group(1) : "Handler");
    }

    private static String key(List<SiteCompiler.Source> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((VERSION + "\n" + Runtime.version().feature() + "\n").getBytes(StandardCharsets.UTF_8));
            for (SiteCompiler.Source source : sources) {
                sha.update(
                        (source.file() + "\n" + source.javaSource().length() + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(source.javaSource().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private @Nullable Compiled readCache(String key) {
        Path dir = cacheDir.resolve(key);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Map<String, byte[]> classes = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - 6), Files.readAllBytes(f));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return classes.isEmpty() ? null : new Compiled(key, classes);
    }

    private void writeCache(String key, Map<String, byte[]> classes) {
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempDirectory(cacheDir, key + ".tmp");
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                Files.write(tmp.resolve(e.getKey() + ".class"), e.getValue());
            }
            try {
                Files.move(tmp, cacheDir.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another compile of the same source won the race: its entry is as good as ours.
                deleteQuietly(tmp);
            }
        } catch (IOException e) {
            // The cache only saves time: a failure to write it is not the request's problem.
            System.getLogger("dev.conduit.compilation")
                    .log(System.Logger.Level.WARNING, "cannot write the compilation cache in " + cacheDir, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a stray temporary folder in the cache is harmless
        }
    }

    private static URI uri(String path) {
        try {
            return new URI("string:///" + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The class path entries that provide {@code types} (jar files or class folders). */
    public static List<Path> locationsOf(Class<?>... types) {
        Set<Path> out = new LinkedHashSet<>();
        for (Class<?> t : types) {
            var source = t.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    out.add(Path.of(source.getLocation().toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // a class from a location we cannot name (a jrt: module, say) needs no class path entry
                }
            }
        }
        return List.copyOf(out);
    }

    private static String versionOf() {
        String v = SourceCompiler.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
