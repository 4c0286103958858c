package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.PostBackDataHandler;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An image that submits the form, as {@code asp:ImageButton}: {@code <input type="image" name="Zoom" id="Zoom"
 * src="map.png" alt="Map" />}. The browser posts where it was clicked as {@code Zoom.x} and {@code Zoom.y}; the button
 * reads them (it asks the page for the post data on every postback) and, when both came as numbers, becomes the
 * postback's event source: Click with an {@link ImageClickEventArgs}, then Command, as System.Web.
 */
public class ImageButton extends ButtonControl<ImageClickEventArgs> implements PostBackDataHandler {
    private String imageUrl = "";
    private String alternateText = "";
    private int x;
    private int y;

    /** An image button without an image. */
    public ImageButton() {
        super("input");
    }

    /** The image's URL ({@code ~/} resolved). */
    public String getImageUrl() {
        return imageUrl;
    }

    /** Sets the image's URL. */
    public void setImageUrl(@Nullable String imageUrl) {
        this.imageUrl = imageUrl == null ? "" : imageUrl;
    }

    /** The text shown in place of the image. */
    public String getAlternateText() {
        return alternateText;
    }

    /** Sets the text shown in place of the image. */
    public void setAlternateText(@Nullable String alternateText) {
        this.alternateText = alternateText == null ? "" : alternateText;
    }

    /** Asks for the post data on every postback: the click comes as {@code name.x} and {@code name.y}. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        Page page = getPage();
        if (page != null && isEnabled()) {
            page.registerRequiresPostBack(this);
        }
    }

    /** Adds {@code type}, {@code name}, {@code src}, {@code alt} and {@code onclick}, then the common attributes. */
    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        writer.addAttribute("type", "image");
        ServerForm.addPostName(this, writer);
        writer.addAttribute("src", resolveClientUrl(imageUrl));
        writer.addAttribute("alt", alternateText);
        String script = getOnClientClick().trim();
        if (!script.isEmpty()) {
            writer.addAttribute("onclick", script.endsWith(";") ? script : script + ";");
        }
        super.addAttributesToRender(writer);
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        addAttributesToRender(writer);
        writer.renderSelfClosingTag("input");
    }

    /** When {@code name.x} and {@code name.y} came as numbers, this button raises the postback's event. */
    @Override
    public boolean loadPostData(String postDataKey, Map<String, String> postCollection) {
        String uniqueId = getUniqueID();
        Page page = getPage();
        if (uniqueId == null || page == null) {
            return false;
        }
        Integer px = coordinate(postCollection.get(uniqueId + ".x"));
        Integer py = coordinate(postCollection.get(uniqueId + ".y"));
        if (px != null && py != null) {
            x = px;
            y = py;
            page.registerRequiresRaiseEvent(this);
        }
        return false;
    }

    private static @Nullable Integer coordinate(@Nullable String posted) {
        if (posted == null || posted.isEmpty() || posted.length() > 9) {
            return null;
        }
        try {
            double d = Double.parseDouble(posted.trim()); // a zoomed browser posts fractions: truncated, as ASP.NET
            return Double.isFinite(d) ? (int) d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Nothing: the button raises the postback's event instead. */
    @Override
    public void raisePostDataChangedEvent() {}

    @Override
    protected ImageClickEventArgs clickEventArgs() {
        return new ImageClickEventArgs(x, y);
    }
}
