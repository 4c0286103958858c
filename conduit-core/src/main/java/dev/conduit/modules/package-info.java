/**
 * Conduit's built-in HTTP modules, registered by the built-in root configuration in {@code <httpModules>} and
 * removable by name with {@code <remove name="..."/>}.
 *
 * <p>Start with {@link dev.conduit.modules.SessionStateModule} ({@code name="Session"}): session state with
 * per-session locking, the in-process store and custom {@link dev.conduit.spi.SessionStore}s.
 */
@NullMarked
package dev.conduit.modules;

import org.jspecify.annotations.NullMarked;
