package dev.conduit.internal.compilation;

import dev.conduit.HttpException;
import java.io.Serial;
import java.util.List;

/**
 * Site code that does not compile: a 500 whose error page shows, to local requests, each diagnostic with its file,
 * line and column, the compiler's message and the source lines around it.
 */
public final class CompilationException extends HttpException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One compiler error.
     *
     * @param file the virtual path of the source ({@code /dir/h.ashx})
     * @param line the 1-based line in that file
     * @param column the 1-based column
     * @param message the compiler's message
     * @param excerpt the source lines around it, each prefixed with its number, the failing one marked
     */
    public record Diagnostic(String file, long line, long column, String message, String excerpt) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + message;
        }
    }

    private final transient List<Diagnostic> diagnostics;

    CompilationException(String file, List<Diagnostic> diagnostics) {
        super(500, "Compilation error in " + file + ": " + (diagnostics.isEmpty() ? "" : diagnostics.get(0)));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The errors, in source order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
