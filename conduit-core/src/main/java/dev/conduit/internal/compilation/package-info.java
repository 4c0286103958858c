/**
 * Compiling site code on the fly: {@code .ashx} sources (and, later, App_Code). Start with {@link
 * dev.conduit.internal.compilation.SourceCompiler} (javax.tools in memory, with a disk cache) and {@link
 * dev.conduit.feature.CompilationException} (diagnostics with file, line and column).
 */
@NullMarked
package dev.conduit.internal.compilation;

import org.jspecify.annotations.NullMarked;
