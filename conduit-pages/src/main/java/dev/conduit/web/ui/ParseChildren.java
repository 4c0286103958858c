package dev.conduit.web.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the page compiler reads the markup inside a control's tag, as {@code ParseChildrenAttribute}. With {@code
 * true}, each element inside is a property of the control: {@code <ItemTemplate>} sets the {@link Template} property
 * {@code ItemTemplate} (a setter taking a {@code Template}); text between them must be whitespace. Without the
 * annotation (or with {@code false}) the content is child controls and text, given to {@link
 * Control#addParsedSubObject}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ParseChildren {
    /** Whether inner elements are properties. */
    boolean value() default true;
}
