package dev.conduit.feature;

import dev.conduit.HttpException;
import java.io.Serial;
import java.util.List;

/**
 * Site code that does not compile (a {@code .ashx}, App_Code, a feature's generated source, or its markup): a 500
 * whose error page shows, to local requests, each diagnostic with its file, line and column, the message and the
 * source lines around it. A feature may throw it for errors it finds itself (a markup parser, say), with the
 * diagnostics pointing into the file the user wrote.
 */
public final class CompilationException extends HttpException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One error.
     *
     * @param file the virtual path of the file the user wrote ({@code /dir/h.ashx})
     * @param line the 1-based line in that file
     * @param column the 1-based column, or 1 when unknown
     * @param message what is wrong
     * @param excerpt the source lines around it, each prefixed with its number, the failing one marked with {@code >}
     */
    public record Diagnostic(String file, long line, long column, String message, String excerpt) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + message;
        }
    }

    private final transient List<Diagnostic> diagnostics;

    /**
     * Creates the exception for {@code diagnostics} found in {@code file}.
     *
     * @throws IllegalArgumentException when {@code diagnostics} is empty
     */
    public CompilationException(String file, List<Diagnostic> diagnostics) {
        super(500, "Compilation error in " + file + ": " + first(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static Diagnostic first(List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a CompilationException needs at least one diagnostic");
        }
        return diagnostics.get(0);
    }

    /** The errors, in source order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
