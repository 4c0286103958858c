/**
 * Conduit's built-in HTTP modules, registered by the built-in root configuration's {@code <httpModules>} and
 * removable by name ({@code <remove name="FormsAuthentication"/>}) like any module.
 *
 * <p>Start with {@link dev.conduit.modules.SessionStateModule} ({@code name="Session"}: session state with
 * per-session locking, the in-process store and custom {@link dev.conduit.spi.SessionStore}s), {@link
 * dev.conduit.modules.FormsAuthenticationModule} (reads the Forms ticket cookie into {@code HttpContext.user()} and
 * turns a 401 into a redirect to the login page) and {@link dev.conduit.modules.UrlAuthorizationModule} (enforces
 * {@code <authorization>} allow/deny rules). They mirror the System.Web modules of the same names (spec §5.7) and do
 * nothing, at no per-request cost beyond a field read, when the site does not configure them. The API site code
 * calls is {@code dev.conduit.security.FormsAuthentication}.
 */
@NullMarked
package dev.conduit.modules;

import org.jspecify.annotations.NullMarked;
