package dev.conduit.services;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a web service class, as ASP.NET's {@code [WebService]}: its XML namespace (the default, {@code
 * http://tempuri.org/}, is meant to be replaced: the help page warns while it is there), its name in the WSDL (the
 * class's simple name by default) and a description for the help page. Optional: a class with {@link WebMethod}s and no
 * {@code @WebService} is a service with the defaults.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebService {
    /** The default namespace, as ASP.NET's. */
    String DEFAULT_NAMESPACE = "http://tempuri.org/";

    /** The XML namespace of the service's messages and types. */
    String namespace() default DEFAULT_NAMESPACE;

    /** The service's name in the WSDL and on the help page; empty: the class's simple name. */
    String name() default "";

    /** A description, shown on the help page and in the WSDL's documentation. */
    String description() default "";
}
