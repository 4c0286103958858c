package dev.conduit.services;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The SOAP details of an operation, as ASP.NET's {@code [SoapDocumentMethod]}: its SOAP action (by default the
 * service's namespace, a {@code /} unless it ends with one, and the operation's name: {@code
 * http://tempuri.org/Add}), and whether it is one-way (the call is answered {@code 202 Accepted} before the method
 * runs, and nothing it returns or throws reaches the client).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SoapDocumentMethod {
    /** The SOAP action; empty: the default. */
    String action() default "";

    /** Whether the operation is one-way (it must return void). */
    boolean oneWay() default false;
}
