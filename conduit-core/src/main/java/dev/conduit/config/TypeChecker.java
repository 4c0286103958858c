package dev.conduit.config;

import org.jspecify.annotations.Nullable;

/**
 * Checks a type named in configuration against the site's class loader ({@code bin/*.jar} and App_Code over the
 * server's classes), with the ASP.NET aliases of built-in types applied.
 */
@FunctionalInterface
public interface TypeChecker {

    /**
     * Says whether {@code type} names a public, concrete class with a public no-argument constructor that implements
     * or extends one of {@code anyOf}.
     *
     * @return {@code null} when it does; else why not, as a sentence naming the type ({@code "type 'x.Y' has no Java counterpart here
     *     in the site's bin/*.jar or the server's classes"})
     */
    @Nullable
    String check(String type, Class<?>... anyOf);
}
