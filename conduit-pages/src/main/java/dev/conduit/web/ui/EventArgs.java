package dev.conduit.web.ui;

/**
 * The data of an event, as {@code System.EventArgs}: the base of every event's arguments; {@link #EMPTY} for events
 * that carry none (Init, Load, PreRender, ...).
 */
public class EventArgs {
    /** The arguments of an event that carries no data. */
    public static final EventArgs EMPTY = new EventArgs();

    /** Arguments without data; subclasses add theirs. */
    public EventArgs() {}
}
