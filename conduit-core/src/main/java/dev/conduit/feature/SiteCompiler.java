package dev.conduit.feature;

import java.util.List;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Compiles Java sources a feature generates or finds (a page's code, a service's class) against the site: {@code
 * conduit-api}, the site's {@code bin/*.jar} and App_Code.
 *
 * <p><b>Units.</b> The sources of one call compile together (they may refer to each other) into a class loader of
 * their own over the site's, so a recompiled version never clashes with the one still serving requests in flight.
 * Each source says which file the user wrote and how its lines map back to that file's, so every diagnostic names the
 * user's file and line, not the generated source. (Stack traces show the Java source's lines: the same as the file's
 * for a {@link Source#of} source.)
 *
 * <p><b>Cache and concurrency.</b> Classes are cached on disk by the content of every source (and the Conduit and Java
 * versions): a restart, or another request for the same sources, loads them without compiling. Concurrent calls with
 * the same sources compile once; the others wait for that result. Compiling may block for seconds: call it off the
 * network thread (a synchronous handler or factory is).
 */
public interface SiteCompiler {

    /**
     * One Java source.
     *
     * @param file the virtual path of the file the user wrote ({@code /shop/cart.aspx}), for diagnostics
     * @param javaSource the Java source text; its first public top-level type names the compilation unit
     * @param originalLine maps a 1-based line of {@code javaSource} to the line of {@code file} it came from (0 when it
     *     comes from no line of it: generated scaffolding)
     * @param originalText the text of {@code file}, for the excerpts of diagnostics; {@code null} to show the Java
     *     source's lines instead
     */
    record Source(String file, String javaSource, IntUnaryOperator originalLine, @Nullable String originalText) {

        /**
         * A source that is the user's file itself from {@code firstLine} on (a {@code .ashx} after its directive). It
         * is compiled at its place in the file (preceded by blank lines), so stack traces name the file's lines too.
         */
        public static Source of(String file, String javaSource, int firstLine) {
            return new Source(file, "\n".repeat(Math.max(0, firstLine - 1)) + javaSource, line -> line, null);
        }
    }

    /**
     * Compiles {@code sources} (or finds them in the cache) and returns a class loader that defines their classes,
     * its parent the site's class loader.
     *
     * @throws CompilationException when they do not compile, with every diagnostic mapped to the user's files
     * @throws dev.conduit.HttpException 500 when this runtime has no compiler (a JRE rather than a JDK)
     * @throws IllegalArgumentException when {@code sources} is empty
     */
    ClassLoader compile(List<Source> sources);
}
