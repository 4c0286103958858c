package dev.conduit.web.ui;

import dev.conduit.HttpException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A master page, as {@code System.Web.UI.MasterPage}: what a {@code .master} file compiles to, the layout of the content
 * pages that name it ({@code MasterPageFile="~/Site.master"}). Its {@code <asp:ContentPlaceHolder ID="Main">} regions
 * are filled with the page's {@code <asp:Content ContentPlaceHolderID="Main">}; a region the page leaves out keeps the
 * master's own content. The master becomes the page's only child (ID {@code ctl00}); a master with a master of its own
 * (nested masters) becomes its only child in turn.
 */
public class MasterPage extends UserControl {
    private Map<String, Template> contentTemplates = Map.of();
    private @Nullable String masterPageFile;
    private @Nullable MasterPage master;

    /** A master page; compiled subclasses build their tree. */
    public MasterPage() {}

    /** The master page file of this master ({@code ~/Outer.master}), or null. */
    public @Nullable String getMasterPageFile() {
        return masterPageFile;
    }

    /** Sets this master's own master page file (the directive's {@code MasterPageFile}). */
    public void setMasterPageFile(@Nullable String path) {
        this.masterPageFile = path;
    }

    /** This master's master page (nested masters), or null. */
    public @Nullable MasterPage getMaster() {
        return master;
    }

    /**
     * Fills {@code placeHolder} with the content the page (or inner master) gave for its ID; called by compiled
     * masters as each placeholder is built.
     *
     * @return false when there is no such content: the master's default content is built instead
     */
    protected boolean instantiateContent(ContentRegion placeHolder) throws Exception {
        String id = ((Control) placeHolder).getID();
        Template t = id == null ? null : contentTemplates.get(id.toLowerCase(Locale.ROOT));
        if (t == null) {
            return false;
        }
        t.instantiateIn((Control) placeHolder);
        return true;
    }

    /**
     * Makes the master at {@code masterPageFile} {@code owner}'s only child, with {@code templates}, and applies that
     * master's own master in turn, as System.Web's {@code MasterPage.CreateMaster} and {@code ApplyMasterRecursive}.
     */
    static MasterPage apply(
            TemplateControl owner, String masterPageFile, Map<String, Template> templates, TemplateLoader loader)
            throws Exception {
        String path = owner.absolutePath(masterPageFile);
        MasterPage m = loader.create(path, MasterPage.class);
        m.contentTemplates = new HashMap<>(templates);
        for (Control c : owner.getControls()) {
            if (!(c instanceof LiteralControl l) || !l.getText().isBlank()) {
                throw new HttpException(
                        500,
                        "Content controls have to be top-level controls in a content page or a nested master page"
                                + " that references a master page.");
            }
        }
        m.initializeAsUserControl();
        if (m.masterPageFile != null) {
            m.master = apply(m, m.masterPageFile, m.templatesForMaster(), loader);
        }
        for (var entry : templates.entrySet()) {
            if (!(m.findPlaceHolder(entry.getKey()))) {
                throw new HttpException(
                        500,
                        "Cannot find ContentPlaceHolder '" + owner.contentIdAsWritten(entry.getKey())
                                + "' in the master page '" + path
                                + "', verify content control's ContentPlaceHolderID attribute in the content page.");
            }
        }
        owner.getControls().clear();
        owner.getControls().add(m);
        return m;
    }

    private boolean findPlaceHolder(String lowerId) {
        return find(this, lowerId);
    }

    private static boolean find(Control c, String lowerId) {
        for (Control child : c.getControls()) {
            if (child instanceof ContentRegion
                    && child.getID() != null
                    && child.getID().toLowerCase(Locale.ROOT).equals(lowerId)) {
                return true;
            }
            if (find(child, lowerId)) {
                return true;
            }
        }
        return false;
    }
}
