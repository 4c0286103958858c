package dev.conduit.services.internal;

import dev.conduit.HttpException;
import dev.conduit.feature.FeatureSite;
import dev.conduit.feature.FileDependencies;
import dev.conduit.feature.SimpleHandlerFile;
import dev.conduit.feature.SiteCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A site's compiled {@code .asmx} files: each file's service class, compiled on first use (a class written in the
 * file, with {@code -parameters}; or found in App_Code or {@code bin/}), and again when the file changes, under a new
 * class loader, so calls in flight finish on the old class. One per site ({@link FeatureSite#state}).
 */
final class CompiledServices {
    /** A file's class, or the failure it gave (kept until the file changes, so a broken file is not compiled again). */
    private record Entry(
            FileDependencies files,
            @org.jspecify.annotations.Nullable Class<?> type,
            @org.jspecify.annotations.Nullable RuntimeException failure) {
        Class<?> get() {
            if (failure != null) {
                throw failure;
            }
            return java.util.Objects.requireNonNull(type);
        }
    }

    private final FeatureSite site;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private CompiledServices(FeatureSite site) {
        this.site = site;
    }

    /** The site's compiled services. */
    static CompiledServices of(FeatureSite site) {
        return site.state(CompiledServices.class, CompiledServices::new);
    }

    /**
     * The service class of the file at {@code path} ({@code /Calc.asmx}), whose file is {@code file}.
     *
     * @throws HttpException 404 when the file does not exist, 500 for a parser error or a class that is not there
     * @throws dev.conduit.feature.CompilationException when the file's class does not compile
     */
    Class<?> serviceClass(String path, Path file) throws IOException {
        String key = path.toLowerCase(java.util.Locale.ROOT);
        Entry e = entries.get(key);
        if (e != null && !e.files().changed()) {
            return e.get();
        }
        synchronized (this) {
            e = entries.get(key);
            if (e != null && !e.files().changed()) {
                return e.get();
            }
            FileDependencies files = FileDependencies.of(List.of(file));
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException missing) {
                entries.remove(key);
                throw new HttpException(404, "The resource '" + path + "' cannot be found.");
            }
            try {
                Class<?> type = load(path, text);
                entries.put(key, new Entry(files, type, null));
                return type;
            } catch (HttpException failure) { // a parser error, a missing class, a CompilationException
                entries.put(key, new Entry(files, null, failure));
                throw failure;
            }
        }
    }

    private Class<?> load(String path, String text) {
        SimpleHandlerFile asmx = SimpleHandlerFile.parse(path, text, "WebService");
        ClassLoader loader = asmx.inline()
                ? site.compiler().compile(List.of(SiteCompiler.Source.of(path, asmx.source(), asmx.sourceLine())))
                : site.classLoader();
        try {
            return Class.forName(asmx.className(), true, loader);
        } catch (ClassNotFoundException notFound) {
            throw new HttpException(
                    500,
                    "Parser error in " + path + ": could not create type '" + asmx.className() + "'"
                            + (asmx.inline()
                                    ? " (the file's source does not declare it)"
                                    : " (it is neither in App_Code nor in a jar in bin/)")
                            + ".");
        } catch (LinkageError broken) { // a static initializer that threw, a class that does not link
            Throwable cause = broken.getCause() != null ? broken.getCause() : broken;
            throw new HttpException(
                    500,
                    "Parser error in " + path + ": the type '" + asmx.className() + "' cannot be loaded: " + cause);
        }
    }
}
