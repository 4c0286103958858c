/**
 * The configuration model a feature reads its web.config sections through: each section is defined once, with where
 * it may appear, how each occurrence is checked and how the levels merge.
 *
 * <p>Start with {@link dev.conduit.config.Section} (a section definition), {@link dev.conduit.config.ConfigElement}
 * (a read-only view of a parsed element, with its {@link dev.conduit.config.Source}) and {@link
 * dev.conduit.config.KeyedCollection} (the add/remove/clear merge every keyed collection uses).
 */
@NullMarked
package dev.conduit.config;

import org.jspecify.annotations.NullMarked;
