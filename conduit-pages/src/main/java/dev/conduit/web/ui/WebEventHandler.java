package dev.conduit.web.ui;

/**
 * Handles an event of a control or page: the Java form of ASP.NET's {@code EventHandler} delegate, with the same
 * {@code (Object sender, EventArgs e)} signature, so a markup attribute {@code OnItemDataBound="Rows_Bound"} binds a
 * method {@code void Rows_Bound(Object sender, RepeaterItemEventArgs e)}. (Named apart from {@code
 * dev.conduit.EventHandler}, the pipeline's, so that both packages can be imported.)
 *
 * <p>Handlers run on the request's thread, in the order they were added; one that throws ends the page's processing
 * and the exception goes to {@code Page_Error} and then the application's Error event.
 *
 * @param <E> the event's arguments
 */
@FunctionalInterface
public interface WebEventHandler<E extends EventArgs> {
    /** Handles the event raised by {@code sender}. */
    void handle(Object sender, E e) throws Exception;
}
