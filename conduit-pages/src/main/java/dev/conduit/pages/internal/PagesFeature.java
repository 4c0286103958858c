package dev.conduit.pages.internal;

import dev.conduit.feature.Feature;
import dev.conduit.feature.FeatureRegistry;
import dev.conduit.web.ui.Page;
import java.util.Objects;

/**
 * The pages feature: {@code *.aspx} mapped to {@link PageHandlerFactory} in the built-in root configuration (the
 * ASP.NET name {@code System.Web.UI.PageHandlerFactory} is its alias), the {@code <system.web><pages>} section, and
 * {@code dev.conduit.web.ui} on the class path pages and their code files compile against. Found with ServiceLoader.
 */
public final class PagesFeature implements Feature {
    /** The feature; ServiceLoader makes it. */
    public PagesFeature() {}

    @Override
    public String name() {
        return "pages";
    }

    @Override
    public void register(FeatureRegistry registry) {
        registry.section(PagesSection.SECTION);
        registry.rootConfiguration(
                "pages", Objects.requireNonNull(PagesFeature.class.getResource("root.web.config"), "root.web.config"));
        registry.typeAlias("System.Web.UI.PageHandlerFactory", PageHandlerFactory.class.getName());
        registry.compileAgainst(Page.class);
        registry.siteCheck(new PagesSiteCheck());
    }
}
