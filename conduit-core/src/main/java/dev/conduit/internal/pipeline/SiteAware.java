package dev.conduit.internal.pipeline;

/**
 * A built-in module that needs its site's services. The application pool hands it the site after creating it and
 * before its {@link dev.conduit.HttpModule#init}, for every application instance, including the first one, which is
 * created while the site starts: so a module that prepares per-site state there (a key, a provider) does it at
 * startup, and a {@link dev.conduit.ConfigurationException} it throws stops the start.
 *
 * <p>Runtime use only: site modules have no reason to implement it.
 */
public interface SiteAware {

    /** Receives the site; called once, before {@code init}, on the thread creating the application instance. */
    void attachSite(SiteServices site);
}
