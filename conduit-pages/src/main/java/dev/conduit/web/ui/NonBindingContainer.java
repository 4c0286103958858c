package dev.conduit.web.ui;

/**
 * A naming container that is not a data-binding container, as {@code INonBindingContainer}: {@code Container} in a
 * data-binding expression inside it is the next binding container out ({@link Control#getBindingContainer()}).
 * Content placeholders are.
 */
public interface NonBindingContainer extends NamingContainer {}
