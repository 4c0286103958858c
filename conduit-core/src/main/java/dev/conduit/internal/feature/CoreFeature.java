package dev.conduit.internal.feature;

import dev.conduit.feature.Feature;
import dev.conduit.feature.FeatureRegistry;
import dev.conduit.internal.config.AppSettings;
import dev.conduit.internal.config.CustomErrorsSettings;
import dev.conduit.internal.config.FeatureCatalog;
import dev.conduit.internal.config.HttpErrorsSettings;
import dev.conduit.internal.config.IntegratedModulesSection;
import dev.conduit.internal.config.ModulesSection;
import dev.conduit.internal.config.PipelineSettings;
import dev.conduit.internal.config.RuntimeSettings;
import dev.conduit.internal.config.SessionStateSettings;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.config.StaticContentSettings;
import dev.conduit.internal.mapping.HttpHandlersSection;
import dev.conduit.internal.mapping.IntegratedHandlersSection;
import dev.conduit.internal.security.AuthenticationSection;
import dev.conduit.internal.security.AuthorizationRules;
import dev.conduit.internal.security.MachineKeySection;
import dev.conduit.internal.security.RoleManagerSection;
import dev.conduit.internal.trace.TraceSettings;
import java.util.Map;

/**
 * Core's own feature: the sections core implements, the ASP.NET sections it accepts without effect, its part of the
 * built-in root configuration ({@code root.web.config}: the handler mappings of spec §3.1 and the built-in modules)
 * and the ASP.NET names of its built-in types. It registers through the same seam as every other feature, first.
 */
public final class CoreFeature implements Feature {
    private static final String H = "dev.conduit.handlers.";
    private static final String I = "dev.conduit.internal.handlers.";
    private static final String M = "dev.conduit.internal.modules.";

    /** ASP.NET type names and the Conduit built-ins they stand for. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("System.Web.HttpNotFoundHandler", H + "NotFoundHandler"),
            Map.entry("System.Web.HttpForbiddenHandler", H + "ForbiddenHandler"),
            Map.entry("System.Web.HttpMethodNotAllowedHandler", H + "MethodNotAllowedHandler"),
            Map.entry("System.Web.HttpNotImplementedHandler", H + "NotImplementedHandler"),
            Map.entry("System.Web.StaticFileHandler", I + "StaticFileHandler"),
            Map.entry("System.Web.DefaultHttpHandler", I + "StaticFileHandler"),
            // Integrated mode's extensionless URLs: without routing, what is left is the file (or 404).
            Map.entry("System.Web.Handlers.TransferRequestHandler", I + "StaticFileHandler"),
            Map.entry("System.Web.Handlers.WebAdminHandler", H + "NotFoundHandler"),
            Map.entry("System.Web.Handlers.TraceHandler", I + "TraceHandler"),
            Map.entry("System.Web.UI.SimpleHandlerFactory", I + "SimpleHandlerFactory"),
            Map.entry("System.Web.SessionState.SessionStateModule", M + "SessionStateModule"),
            Map.entry("System.Web.Security.FormsAuthenticationModule", M + "FormsAuthenticationModule"),
            Map.entry("System.Web.Security.UrlAuthorizationModule", M + "UrlAuthorizationModule"),
            // ASP.NET 4's default modules that have no Java counterpart: inert (see InertModule).
            Map.entry("System.Web.Caching.OutputCacheModule", M + "InertModule"),
            Map.entry("System.Web.Security.WindowsAuthenticationModule", M + "InertModule"),
            Map.entry("System.Web.Security.PassportAuthenticationModule", M + "InertModule"),
            Map.entry("System.Web.Security.RoleManagerModule", M + "InertModule"),
            Map.entry("System.Web.Security.FileAuthorizationModule", M + "InertModule"),
            Map.entry("System.Web.Security.AnonymousIdentificationModule", M + "InertModule"),
            Map.entry("System.Web.Profile.ProfileModule", M + "InertModule"),
            Map.entry("System.Web.Mobile.ErrorHandlerModule", M + "InertModule"),
            Map.entry("System.ServiceModel.Activation.HttpModule", M + "InertModule"),
            Map.entry("System.Web.Routing.UrlRoutingModule", M + "InertModule"),
            Map.entry("System.Web.Handlers.ScriptModule", M + "InertModule"),
            Map.entry("System.Web.UrlMappingsModule", M + "InertModule"),
            Map.entry("System.ServiceModel.Activation.ServiceHttpModule", M + "InertModule"),
            // Resources embedded in .NET assemblies (WebResource.axd, ScriptResource.axd): there are none here, so 404.
            Map.entry("System.Web.Handlers.AssemblyResourceLoader", H + "NotFoundHandler"),
            Map.entry("System.Web.Handlers.ScriptResourceHandler", H + "NotFoundHandler"),
            // Framework handlers without a Java counterpart answer 501 (the web services issue points the script
            // ones at its own handler).
            Map.entry("System.ServiceModel.Activation.HttpHandler", H + "NotImplementedHandler"),
            Map.entry("System.ServiceModel.Activation.ServiceHttpHandlerFactory", H + "NotImplementedHandler"),
            Map.entry("System.Xaml.Hosting.XamlHttpHandlerFactory", H + "NotImplementedHandler"),
            Map.entry("System.Runtime.Remoting.Channels.Http.HttpRemotingHandlerFactory", H + "NotImplementedHandler"),
            // Placeholders (501) until the pages and web services features give these names their types.
            Map.entry("System.Web.UI.PageHandlerFactory", H + "NotImplementedHandler"),
            Map.entry("System.Web.Services.Protocols.WebServiceHandlerFactory", H + "NotImplementedHandler"),
            Map.entry("System.Web.Script.Services.ScriptHandlerFactory", H + "NotImplementedHandler"));

    @Override
    public String name() {
        return FeatureCatalog.CORE;
    }

    @Override
    public void register(FeatureRegistry registry) {
        registry.section(HttpHandlersSection.SECTION);
        registry.section(ModulesSection.SECTION);
        registry.section(RuntimeSettings.SECTION);
        registry.section(AppSettings.APP_SETTINGS);
        registry.section(AppSettings.CONNECTION_STRINGS);
        registry.section(StaticContentSettings.DEFAULT_DOCUMENT);
        registry.section(StaticContentSettings.SECTION);
        registry.section(CustomErrorsSettings.SECTION);
        registry.section(SessionStateSettings.SECTION);
        registry.section(AuthenticationSection.SECTION);
        registry.section(AuthorizationRules.SECTION);
        registry.section(MachineKeySection.SECTION);
        registry.section(RoleManagerSection.SECTION);
        registry.section(TraceSettings.SECTION);
        registry.section(dev.conduit.internal.config.RequestFiltering.SECTION);
        registry.section(PipelineSettings.SECTION);
        registry.section(HttpErrorsSettings.SECTION);
        registry.section(PipelineSettings.VALIDATION);
        registry.section(IntegratedHandlersSection.SECTION);
        registry.section(IntegratedModulesSection.SECTION);
        // .NET's other machine-level sections are declared by the root configuration's <configSections>.
        // Other IIS settings are accepted with a warning each.
        registry.lenientGroup("system.webServer");
        registry.rootConfiguration(FeatureCatalog.CORE, SiteConfiguration.coreRootConfiguration());
        ALIASES.forEach(registry::typeAlias);
    }
}
