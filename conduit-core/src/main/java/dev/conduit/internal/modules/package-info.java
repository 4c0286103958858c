/**
 * Conduit's built-in HTTP modules, registered by the built-in root configuration's {@code <httpModules>} and
 * removable by name ({@code <remove name="FormsAuthentication"/>}) like any module. Web.config files name them by
 * their System.Web types ({@code System.Web.SessionState.SessionStateModule}, ...), which are aliases of these
 * classes; they are the runtime's own and use its internals, so they live here rather than in a public package.
 *
 * <p>Start with {@link dev.conduit.internal.modules.SessionStateModule} ({@code name="Session"}: session state with
 * per-session locking, the in-process store and custom {@link dev.conduit.spi.SessionStore}s), {@link
 * dev.conduit.internal.modules.FormsAuthenticationModule} (reads the Forms ticket cookie into {@code HttpContext.user()} and
 * turns a 401 into a redirect to the login page) and {@link dev.conduit.internal.modules.UrlAuthorizationModule} (enforces
 * {@code <authorization>} allow/deny rules). They mirror the System.Web modules of the same names (spec §5.7) and do
 * nothing, at no per-request cost beyond a field read, when the site does not configure them. The API site code
 * calls is {@code dev.conduit.security.FormsAuthentication}.
 */
@NullMarked
package dev.conduit.internal.modules;

import org.jspecify.annotations.NullMarked;
