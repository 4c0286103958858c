package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * Two values, as {@code System.Web.UI.Pair}: the node controls build their view state from (their own state and
 * their children's, say). One of the types view state holds.
 *
 * @param first the first value
 * @param second the second value
 */
public record Pair(@Nullable Object first, @Nullable Object second) {}
