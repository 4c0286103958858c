/**
 * Forms authentication, URL authorization and roles: the state and rules behind {@code dev.conduit.modules} and
 * {@code dev.conduit.security.FormsAuthentication}.
 *
 * <p>Start with {@link dev.conduit.internal.security.SiteSecurity} (one per site: the authentication settings, the
 * ticket key, the role provider and the compiled authorization rules), the section readers ({@link
 * dev.conduit.internal.security.AuthenticationSection}, {@link dev.conduit.internal.security.AuthorizationSection},
 * {@link dev.conduit.internal.security.MachineKeySection}, {@link dev.conduit.internal.security.RoleManagerSection}), {@link
 * dev.conduit.internal.security.SiteKeys} (every key the site derives from {@code <machineKey>}), {@link
 * dev.conduit.internal.security.TicketProtector} (AES-256-GCM tickets) and {@link
 * dev.conduit.internal.security.AuthorizationRules}.
 */
@NullMarked
package dev.conduit.internal.security;

import org.jspecify.annotations.NullMarked;
