package dev.conduit.services;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How script may call an operation of a {@link ScriptService}, as ASP.NET's {@code [ScriptMethod]}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ScriptMethod {
    /** Whether a GET may call it, its parameters in the query string, each a JSON value. */
    boolean useHttpGet() default false;

    /** Whether it answers JSON (the default) or XML. */
    ResponseFormat responseFormat() default ResponseFormat.JSON;
}
