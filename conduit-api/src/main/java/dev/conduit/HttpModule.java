package dev.conduit;

/**
 * Code that runs around every request: the Java form of System.Web's {@code IHttpModule}.
 *
 * <p><b>Lifetime.</b> Modules are listed in {@code <system.web><httpModules>} (application level only). Each pooled
 * {@link HttpApplication} instance creates its own module instances, with their public no-argument constructors, in
 * configuration order, and calls {@link #init} on each, in that order; then the application's own {@link
 * HttpApplication#init()} runs. An application instance serves one request at a time, so a module's fields are
 * never used by two requests at once and need no locking. {@link #close} is called when the instance is discarded
 * (the application stops).
 *
 * <p><b>Events.</b> In {@link #init} a module subscribes to {@link PipelineEvent}s with {@link
 * HttpApplication#on} or {@link HttpApplication#onAsync}. Subscribers of one event run in subscription order, so
 * module order is event order.
 */
public interface HttpModule {

    /** Subscribes to events; called once per application instance. An exception stops the application's start. */
    void init(HttpApplication application) throws Exception;

    /** Releases what the module holds; called once when its application instance is discarded. */
    default void close() {}
}
