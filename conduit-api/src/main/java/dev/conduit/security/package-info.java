/**
 * Forms authentication and roles for site code: signing users in and out, and the role provider extension point.
 *
 * <p>Start with {@link dev.conduit.security.FormsAuthentication}, the static entry point a login handler calls
 * ({@code redirectFromLoginPage}, {@code signIn}, {@code signOut}), and {@link dev.conduit.security.RoleProvider},
 * which a site implements to give signed-in users their roles. The built-in modules that read the ticket cookie and
 * enforce {@code <authorization>} rules are in {@code dev.conduit.modules} (conduit-core); the configuration is
 * {@code <system.web><authentication mode="Forms">}, {@code <authorization>}, {@code <machineKey>} and {@code
 * <roleManager>}, described in docs/configuration.md.
 *
 * <p>The semantics mirror System.Web's {@code System.Web.Security.FormsAuthentication} and {@code RoleProvider};
 * the ticket format does not: Conduit's tickets are AES-256-GCM and cannot be read by ASP.NET, nor ASP.NET's by
 * Conduit.
 */
@NullMarked
package dev.conduit.security;

import org.jspecify.annotations.NullMarked;
