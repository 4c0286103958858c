package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.LiteralControl;
import org.jspecify.annotations.Nullable;

/**
 * A link, as {@code asp:HyperLink}: {@code <a id="Home" href="Default.aspx" target="_blank">Home</a>}. The {@code
 * href} is the {@code NavigateUrl} made relative to the request ({@code ~/About.aspx} is {@code About.aspx} from a
 * page in the root, {@code ../About.aspx} from one in a folder); an empty {@code NavigateUrl}, or a disabled link,
 * renders no {@code href}. The content is an {@code <img>} when {@code ImageUrl} is set (its {@code alt} the text),
 * else the child controls, else the text, written as it is (not encoded), as in System.Web. Text inside the tag is
 * the {@code Text}.
 */
public class HyperLink extends WebControl {
    private String navigateUrl = "";
    private String target = "";
    private String text = "";
    private String imageUrl = "";

    /** A link without URL or text. */
    public HyperLink() {
        super("a");
    }

    /** The URL the link goes to; empty when none. */
    public String getNavigateUrl() {
        return navigateUrl;
    }

    /** Sets the URL the link goes to. */
    public void setNavigateUrl(@Nullable String navigateUrl) {
        this.navigateUrl = navigateUrl == null ? "" : navigateUrl;
    }

    /** The window or frame the link opens in ({@code _blank}); empty when none. */
    public String getTarget() {
        return target;
    }

    /** Sets the window or frame the link opens in. */
    public void setTarget(@Nullable String target) {
        this.target = target == null ? "" : target;
    }

    /** The link's text (written as it is). */
    public String getText() {
        return text;
    }

    /** Sets the link's text. */
    public void setText(@Nullable String text) {
        this.text = text == null ? "" : text;
    }

    /** The URL of an image shown in place of the text; empty when none. */
    public String getImageUrl() {
        return imageUrl;
    }

    /** Sets the URL of an image shown in place of the text. */
    public void setImageUrl(@Nullable String imageUrl) {
        this.imageUrl = imageUrl == null ? "" : imageUrl;
    }

    /** Text inside the tag becomes the Text; once the link has child controls, text is a child too (as Label). */
    @Override
    public void addParsedSubObject(Object obj) {
        if (obj instanceof LiteralControl l && !hasControls()) {
            text = l.getText();
            return;
        }
        if (!text.isEmpty()) {
            getControls().add(new LiteralControl(text));
            text = "";
        }
        super.addParsedSubObject(obj);
    }

    /** Adds the base attributes, then {@code href} (when there is a URL and the link is enabled) and {@code target}. */
    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        super.addAttributesToRender(writer);
        if (!navigateUrl.isEmpty() && isEnabled()) {
            writer.addAttribute("href", resolveClientUrl(navigateUrl));
        }
        if (!target.isEmpty()) {
            writer.addAttribute("target", target);
        }
    }

    @Override
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        if (!imageUrl.isEmpty()) {
            Image image = new Image();
            image.setImageUrl(resolveClientUrl(imageUrl));
            image.setUrlResolved(true);
            image.setGenerateEmptyAlternateText(true);
            String toolTip = getToolTip();
            if (toolTip != null && !toolTip.isEmpty()) {
                image.setToolTip(toolTip);
            }
            image.setAlternateText(text);
            image.renderControl(writer);
        } else if (hasControls() || hasRenderMethod()) {
            renderChildren(writer);
        } else {
            writer.write(text);
        }
    }
}
