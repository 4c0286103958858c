/**
 * Forms authentication, URL authorization and roles: the state and rules behind {@code dev.conduit.modules} and
 * {@code dev.conduit.security.FormsAuthentication}.
 *
 * <p>Start with {@link dev.conduit.internal.security.SiteSecurity} (one per site: the authentication settings, the
 * ticket key, the role provider and the compiled authorization rules), {@link
 * dev.conduit.internal.security.SecuritySections} (reads and checks {@code <authentication>}, {@code
 * <authorization>}, {@code <machineKey>} and {@code <roleManager>}), {@link
 * dev.conduit.internal.security.TicketProtector} (AES-256-GCM tickets) and {@link
 * dev.conduit.internal.security.AuthorizationRules}.
 */
@NullMarked
package dev.conduit.internal.security;

import org.jspecify.annotations.NullMarked;
