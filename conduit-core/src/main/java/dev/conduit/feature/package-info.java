/**
 * The feature seam: how a capability (pages, web services, a session store, ...) plugs into Conduit from a jar of its
 * own, without core knowing its name.
 *
 * <p>Start with {@link dev.conduit.feature.Feature} (the {@link java.util.ServiceLoader} interface a module
 * implements) and {@link dev.conduit.feature.FeatureRegistry} (what it may contribute: sections, root configuration,
 * type aliases).
 */
@NullMarked
package dev.conduit.feature;

import org.jspecify.annotations.NullMarked;
