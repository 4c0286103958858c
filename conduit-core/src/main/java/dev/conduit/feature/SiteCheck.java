package dev.conduit.feature;

import java.util.List;

/**
 * A feature's check of a whole site, run by {@code conduit check} after the configuration loads: the pages feature
 * parses and compiles every page, user control and master page, as ASP.NET's precompilation does, so errors show up
 * before the first request. Runs on the checking thread; may block (compiling); must not start the application
 * (no request exists, {@code Application_Start} has not run).
 */
@FunctionalInterface
public interface SiteCheck {
    /**
     * Checks {@code site}, adding one diagnostic per problem (file, line, message; the excerpt may be empty) to
     * {@code problems}; a check that finds nothing adds nothing.
     */
    void check(FeatureSite site, List<CompilationException.Diagnostic> problems);
}
