package dev.conduit.internal.modules;

import dev.conduit.HttpApplication;
import dev.conduit.HttpModule;

/**
 * What ASP.NET 4's default modules without a Java counterpart resolve to (OutputCache, WindowsAuthentication,
 * PassportAuthentication, RoleManager, FileAuthorization, AnonymousIdentification, Profile, ErrorHandlerModule,
 * ServiceModel, UrlRoutingModule-4.0, ScriptModule-4.0): a module that subscribes to no event, so that the built-in
 * list has ASP.NET's names and a site's {@code <remove name="Profile"/>} or {@code <add>} again behaves as on
 * ASP.NET, at no cost per request. Roles are applied by the FormsAuthentication module when {@code <roleManager
 * enabled="true">}, so removing RoleManager does not turn them off (a documented difference).
 */
public final class InertModule implements HttpModule {
    @Override
    public void init(HttpApplication application) {
        // Nothing: the ASP.NET module this stands for has no Java counterpart.
    }
}
