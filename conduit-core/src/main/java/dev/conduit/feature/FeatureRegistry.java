package dev.conduit.feature;

import dev.conduit.config.Section;
import java.net.URL;

/**
 * What a {@link Feature} contributes, told to the runtime while it registers. Used only during {@link
 * Feature#register}; a call afterwards throws {@link IllegalStateException}.
 */
public interface FeatureRegistry {

    /**
     * Adds a web.config section. Its group ({@code system.web} in {@code system.web/sessionState}) becomes known too:
     * unknown elements inside a known group are configuration errors, unless the group is {@linkplain
     * #lenientGroup lenient}.
     *
     * @throws IllegalArgumentException when another feature registered the same path
     */
    void section(Section<?> section);

    /**
     * Accepts a section that has no effect here, with a warning at each occurrence (file and line), so that an
     * existing web.config still loads: valid ASP.NET that Conduit does not act on.
     *
     * @param path the section path, such as {@code system.web/globalization}
     * @param module the module that would give it an effect ({@code conduit-pages}), or an empty string when none
     *     does: the warning then says that module is needed
     */
    void acceptSection(String path, String module);

    /**
     * Makes unknown elements inside {@code group} warnings rather than errors ({@code system.webServer}: IIS settings
     * Conduit does not read).
     */
    void lenientGroup(String group);

    /**
     * Adds a part of the built-in root configuration: a web.config document whose {@code <httpHandlers>} and {@code
     * <httpModules>} entries (and any other registered section) every site inherits, one level after core's own.
     * Messages and {@code conduit routes} name it {@code <NAME root web.config>}.
     *
     * @param name a short name for messages, such as {@code pages}
     * @param document the document, usually a resource of the feature's jar
     */
    void rootConfiguration(String name, URL document);

    /**
     * Makes {@code aspNetType}, a System.Web type name, stand for {@code javaType} wherever web.config names a handler,
     * factory, module or provider type ({@code System.Web.UI.PageHandlerFactory} for the pages feature's factory).
     *
     * @throws IllegalArgumentException when another feature mapped the same name to another type
     */
    void typeAlias(String aspNetType, String javaType);

    /**
     * Puts the jar (or classes folder) that holds {@code type} on the class path site code compiles against: App_Code,
     * {@code .ashx} files and every source given to {@link SiteCompiler}. A feature whose own API site code is written
     * against (the pages feature's {@code dev.conduit.web.ui}, which pages and their code files extend) registers one
     * class of it; a feature whose API site code never names needs nothing here.
     */
    void compileAgainst(Class<?> type);

    /**
     * Adds a check of whole sites that {@code conduit check} runs (compiling every page, say); see {@link SiteCheck}.
     */
    void siteCheck(SiteCheck check);
}
