package dev.conduit.web.ui;

/**
 * Marks a control that starts a new ID namespace, as {@code INamingContainer}: the IDs of the controls inside it
 * need only be unique within it, and their {@link Control#getUniqueID() UniqueID} is prefixed with its own
 * ({@code ctl00$Main$Name}). Pages, user controls, master pages, content placeholders and repeater items are naming
 * containers.
 */
public interface NamingContainer {}
