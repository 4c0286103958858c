/**
 * Core's own feature: what core contributes through the feature seam, like any other module.
 *
 * <p>Start with {@link dev.conduit.internal.feature.CoreFeature}.
 */
@NullMarked
package dev.conduit.internal.feature;

import org.jspecify.annotations.NullMarked;
