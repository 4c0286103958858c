package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * Three values, as {@code System.Web.UI.Triplet}. One of the types view state holds.
 *
 * @param first the first value
 * @param second the second value
 * @param third the third value
 */
public record Triplet(@Nullable Object first, @Nullable Object second, @Nullable Object third) {}
