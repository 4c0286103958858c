package dev.conduit.services.internal;

import dev.conduit.feature.Feature;
import dev.conduit.feature.FeatureRegistry;
import dev.conduit.services.WebService;
import java.util.Objects;

/**
 * The web services feature: {@code *.asmx} mapped to {@link WebServiceHandlerFactory} in the built-in root
 * configuration (System.Web's {@code WebServiceHandlerFactory} and {@code ScriptHandlerFactory} are aliases of it), the
 * {@code <webServices>} and {@code <jsonSerialization>} sections, and {@code dev.conduit.services} on the class path
 * services compile against. Found with ServiceLoader.
 */
public final class ServicesFeature implements Feature {
    /** The feature; ServiceLoader makes it. */
    public ServicesFeature() {}

    @Override
    public String name() {
        return "services";
    }

    @Override
    public void register(FeatureRegistry registry) {
        registry.section(WebServicesSettings.PROTOCOLS_SECTION);
        registry.section(WebServicesSettings.JSON_SECTION);
        registry.rootConfiguration(
                "services",
                Objects.requireNonNull(ServicesFeature.class.getResource("root.web.config"), "root.web.config"));
        String factory = WebServiceHandlerFactory.class.getName();
        registry.typeAlias("System.Web.Services.Protocols.WebServiceHandlerFactory", factory);
        registry.typeAlias("System.Web.Script.Services.ScriptHandlerFactory", factory);
        registry.typeAlias("System.Web.Handlers.ScriptModule", ScriptModule.class.getName());
        registry.compileAgainst(WebService.class);
        registry.siteCheck(new ServicesSiteCheck());
    }
}
