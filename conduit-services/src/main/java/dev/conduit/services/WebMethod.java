package dev.conduit.services;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method of a service an operation, as ASP.NET's {@code [WebMethod]}. The operation is named after the
 * method, or {@link #messageName()}: the name in the SOAP action, the WSDL and {@code /Service.asmx/Name}; two methods
 * with one name (overloads) need distinct message names. Parameters are named after the Java parameters (services are
 * compiled with {@code -parameters}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WebMethod {
    /** The operation's name; empty: the method's. */
    String messageName() default "";

    /** A description, shown on the help page and in the WSDL. */
    String description() default "";

    /** Whether the call has the session ({@code getSession()}); without it, there is none (the default, as ASP.NET). */
    boolean enableSession() default false;

    /**
     * Seconds a response may be reused for the same parameters, as ASP.NET's output caching of web methods; 0 (the
     * default) sends {@code Cache-Control: private, max-age=0}. Conduit sends {@code Cache-Control: public, max-age=N}
     * for a positive value and keeps no server cache.
     */
    int cacheDuration() default 0;

    /** Accepted for compatibility: responses are always written as they are made. */
    boolean bufferResponse() default true;
}
