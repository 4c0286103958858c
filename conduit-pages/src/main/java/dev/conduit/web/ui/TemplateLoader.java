package dev.conduit.web.ui;

/**
 * Makes user controls and master pages from their files, for {@link TemplateControl#loadControl} and a page's master
 * page. The page handler factory puts one in each page request's {@link dev.conduit.HttpContext#items() items} under
 * the key {@code TemplateLoader.class}; pages find it there.
 */
public interface TemplateLoader {
    /**
     * A new instance of the user control ({@code .ascx}) or master page ({@code .master}) at {@code virtualPath},
     * compiled first when it has not been or has changed since.
     *
     * @param virtualPath the file's app-absolute path ({@code /controls/Header.ascx})
     * @param kind what the file must compile to ({@link UserControl} or {@link MasterPage})
     * @throws dev.conduit.HttpException 404 when there is no such file, 500 (a compilation error) when it does not
     *     compile or compiles to something else
     */
    <T extends TemplateControl> T create(String virtualPath, Class<T> kind) throws Exception;
}
