/**
 * web.config: parsing into an immutable model and merging the levels into the effective configuration of a
 * folder.
 *
 * <p>Start with {@link dev.conduit.internal.config.SiteConfiguration} (loads every web.config of a site and answers
 * the effective {@link dev.conduit.internal.config.FolderConfig} for a path), {@link
 * dev.conduit.internal.config.WebConfigParser} (one file into a {@link dev.conduit.internal.config.WebConfigFile})
 * and {@link dev.conduit.internal.config.HandlerAction} (an add, remove or clear line of {@code <httpHandlers>}).
 */
@NullMarked
package dev.conduit.internal.config;

import org.jspecify.annotations.NullMarked;
