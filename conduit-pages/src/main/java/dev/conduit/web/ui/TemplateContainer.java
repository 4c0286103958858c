package dev.conduit.web.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The type of {@code Container} inside a template property's markup, as {@code TemplateContainerAttribute}: on a
 * {@link Template} setter ({@code setItemTemplate}) so that {@code <%# Container.getItemIndex() %>} compiles against
 * {@code RepeaterItem}. Without it, {@code Container} is a {@link Control}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TemplateContainer {
    /** The container's class. */
    Class<? extends Control> value();
}
