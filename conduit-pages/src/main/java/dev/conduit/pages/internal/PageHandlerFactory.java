package dev.conduit.pages.internal;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.feature.FeatureSite;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.TemplateLoader;
import java.util.Locale;

/**
 * Serves {@code .aspx} files, as System.Web's {@code PageHandlerFactory}: compiles the page (with its master pages and
 * user controls) on first use and again when any of their files changes, and gives each request a new instance of the
 * page's class ({@code Page.isReusable()} is false), with a {@link TemplateLoader} in the request's items for its
 * master page and {@code loadControl}. Compiling may block, so the factory runs where blocking is allowed.
 * {@code releaseHandler} does nothing, as in System.Web.
 */
public final class PageHandlerFactory implements HttpHandlerFactory {
    /** A factory; the runtime makes one per application instance. */
    public PageHandlerFactory() {}

    @Override
    public HttpHandler getHandler(HttpContext context, String verb, String url, String physicalPath) throws Exception {
        FeatureSite site = FeatureSite.of(context);
        String path = context.request().filePath();
        if (!path.toLowerCase(Locale.ROOT).endsWith(".aspx")) {
            throw new HttpException(404, "The resource '" + path + "' cannot be found.");
        }
        PagesSettings pages = site.section(PagesSection.SECTION, path);
        CompiledTemplates templates = CompiledTemplates.of(site);
        TemplateUnit.Compiled unit = templates.unit(path, pages);
        Class<?> type = unit.classes().get(path.toLowerCase(Locale.ROOT));
        if (!Page.class.isAssignableFrom(type)) {
            throw new HttpException(500, "The file '" + path + "' does not compile to a page.");
        }
        context.items().put(TemplateLoader.class, templates.loader(unit, pages));
        return (HttpHandler) CompiledTemplates.instantiate(type);
    }

    @Override
    public void releaseHandler(HttpHandler handler) {}
}
