package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.HtmlTextWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image, as {@code asp:Image}: {@code <img id="Logo" src="img/logo.png" alt="Logo" />}. As in ASP.NET 4.0, {@code
 * src} is always rendered (empty when there is no {@code ImageUrl}), {@code alt} only when there is text or {@code
 * GenerateEmptyAlternateText} is set, and no border style is added. {@code ~/} URLs are made relative to the request
 * ({@link #resolveClientUrl}).
 */
public class Image extends WebControl {
    private String imageUrl = "";
    private String alternateText = "";
    private String descriptionUrl = "";
    private boolean generateEmptyAlternateText;
    private ImageAlign imageAlign = ImageAlign.NOT_SET;
    private boolean urlResolved;

    /** An image without URL. */
    public Image() {
        super("img");
    }

    /** The image's URL ({@code ~/img/logo.png}, relative or absolute); empty when none. */
    public String getImageUrl() {
        return imageUrl;
    }

    /** Sets the image's URL. */
    public void setImageUrl(@Nullable String imageUrl) {
        this.imageUrl = imageUrl == null ? "" : imageUrl;
    }

    /** The alternate text (the {@code alt} attribute); empty when none. */
    public String getAlternateText() {
        return alternateText;
    }

    /** Sets the alternate text. */
    public void setAlternateText(@Nullable String alternateText) {
        this.alternateText = alternateText == null ? "" : alternateText;
    }

    /** The URL of a longer description (the {@code longdesc} attribute); empty when none. */
    public String getDescriptionUrl() {
        return descriptionUrl;
    }

    /** Sets the URL of a longer description. */
    public void setDescriptionUrl(@Nullable String descriptionUrl) {
        this.descriptionUrl = descriptionUrl == null ? "" : descriptionUrl;
    }

    /** Tells whether {@code alt=""} is rendered when there is no alternate text (false by default). */
    public boolean isGenerateEmptyAlternateText() {
        return generateEmptyAlternateText;
    }

    /** Sets whether {@code alt=""} is rendered when there is no alternate text. */
    public void setGenerateEmptyAlternateText(boolean generateEmptyAlternateText) {
        this.generateEmptyAlternateText = generateEmptyAlternateText;
    }

    /** The alignment (the {@code align} attribute). */
    public ImageAlign getImageAlign() {
        return imageAlign;
    }

    /** Sets the alignment. */
    public void setImageAlign(ImageAlign imageAlign) {
        this.imageAlign = Objects.requireNonNull(imageAlign, "imageAlign");
    }

    /** Marks the URL as already relative to the request (a hyperlink's inner image, resolved by the link). */
    void setUrlResolved(boolean urlResolved) {
        this.urlResolved = urlResolved;
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        addAttributesToRender(writer);
        writer.renderSelfClosingTag("img");
    }

    /** Adds the base attributes, then {@code src}, {@code longdesc}, {@code alt} and {@code align}, as System.Web. */
    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        super.addAttributesToRender(writer);
        writer.addAttribute("src", urlResolved ? imageUrl : resolveClientUrl(imageUrl));
        if (!descriptionUrl.isEmpty()) {
            writer.addAttribute("longdesc", resolveClientUrl(descriptionUrl));
        }
        if (!alternateText.isEmpty() || generateEmptyAlternateText) {
            writer.addAttribute("alt", alternateText);
        }
        if (imageAlign != ImageAlign.NOT_SET) {
            writer.addAttribute("align", imageAlign.toHtml());
        }
    }
}
