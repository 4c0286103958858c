package dev.conduit.internal.pipeline;

/**
 * A handler whose requests are not kept for trace.axd: trace.axd itself, as in System.Web, so that looking at the
 * trace does not push the requests being looked for out of it.
 */
public interface NotTraced {}
