/**
 * Handler mapping: which {@code <httpHandlers>} entry serves a verb and a path, by System.Web's rules.
 *
 * <p>Start with {@link dev.conduit.internal.mapping.MappingTable} (the merged, ordered list of one folder; first
 * match wins), {@link dev.conduit.internal.mapping.PathPattern} (suffix match after a {@code /}, ignoring case,
 * wildcards never crossing {@code /}) and {@link dev.conduit.internal.mapping.VerbPattern} (case-sensitive verb
 * lists).
 */
@NullMarked
package dev.conduit.internal.mapping;

import org.jspecify.annotations.NullMarked;
