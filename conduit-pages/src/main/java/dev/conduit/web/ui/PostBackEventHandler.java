package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * A control that raises the postback's event, as {@code IPostBackEventHandler}: the Button whose name was posted (the
 * one clicked), or the control named by {@code __EVENTTARGET} (a LinkButton's {@code __doPostBack}). Raised once per
 * postback, after the change events.
 */
public interface PostBackEventHandler {
    /** Raises the control's event; {@code eventArgument} is {@code __EVENTARGUMENT}'s value, or null for a button. */
    void raisePostBackEvent(@Nullable String eventArgument) throws Exception;
}
