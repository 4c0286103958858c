/**
 * Answers to "why is my handler not called?": the effective mapping list of a folder and the step-by-step mapping
 * of one request, computed with the runtime's own rules. Start with {@link
 * dev.conduit.internal.diagnostics.MappingDiagnostics}.
 */
@NullMarked
package dev.conduit.internal.diagnostics;

import org.jspecify.annotations.NullMarked;
