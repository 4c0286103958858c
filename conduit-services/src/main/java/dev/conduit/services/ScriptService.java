package dev.conduit.services;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets script call the service with JSON, as ASP.NET's {@code [ScriptService]}: {@code POST /Service.asmx/Op} with
 * {@code Content-Type: application/json} and the parameters as an object's properties answers {@code {"d": result}}.
 * Without it, such a call is refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ScriptService {}
