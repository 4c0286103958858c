package dev.conduit.security;

import java.util.Map;
import java.util.Set;

/**
 * Gives a signed-in user their roles: the Java form of System.Web's {@code RoleProvider}, reduced to the one question
 * the runtime asks.
 *
 * <p><b>Configuration.</b> A provider is named in {@code <roleManager enabled="true" defaultProvider="Acme">} and
 * declared in its {@code <providers>} list as {@code <add name="Acme" type="com.acme.AcmeRoles" anySetting="..."/>};
 * the class is looked up in the site's {@code bin/*.jar}, then the server's classes, and needs a public constructor
 * without parameters. Without {@code defaultProvider}, a built-in provider reads the roles listed in the {@code
 * <roleManager><roles>} element.
 *
 * <p><b>Lifetime and threads.</b> One instance per site, created when the site starts; {@link #initialize} is called
 * once before any request, and an exception it throws stops the site's start. {@link #rolesForUser} is then called
 * concurrently from any number of request threads, so it must be thread-safe; it may block (a database query, say).
 *
 * <p><b>When.</b> Roles are asked for lazily: at most once per request, the first time something checks a role of
 * the signed-in user ({@code UserPrincipal.isInRole}, or an {@code <authorization>} rule with {@code roles}). A
 * request that never checks a role never calls the provider. An exception it throws becomes the error of the request
 * that asked.
 */
public interface RoleProvider {

    /**
     * Receives the provider's configuration before the first request.
     *
     * @param name the name the provider is registered under
     * @param settings the other attributes of its {@code <providers><add>} line, by name (without {@code name} and
     *     {@code type})
     */
    default void initialize(String name, Map<String, String> settings) {}

    /**
     * The roles of {@code userName} (a name that signed in); an empty set when the user has none, never {@code null}.
     * Role names compare ignoring case.
     */
    Set<String> rolesForUser(String userName);
}
