package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.Validator;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The messages of the validators that failed, as {@code ValidationSummary}: {@code <div id="Summary"
 * style="color:Red;">Please fix:<ul><li>Name is required.</li></ul></div>}, for its ValidationGroup; nothing when all
 * passed. DisplayMode: BulletList (the default), List (lines), SingleParagraph. Messages are written as they are.
 */
public class ValidationSummary extends WebControl {
    /** How the messages are laid out. */
    public enum DisplayMode {
        /** A {@code <ul>}. */
        BULLET_LIST,
        /** One per line ({@code <br />}). */
        LIST,
        /** One paragraph. */
        SINGLE_PARAGRAPH
    }

    private String headerText = "";
    private DisplayMode displayMode = DisplayMode.BULLET_LIST;
    private boolean showSummary = true;
    private String validationGroup = "";

    /** A summary in red, as ASP.NET's. */
    public ValidationSummary() {
        super("div");
        setForeColor(Color.parse("Red"));
    }

    /** The text before the messages. */
    public String getHeaderText() {
        return headerText;
    }

    /** Sets the text before the messages (written as it is). */
    public void setHeaderText(@Nullable String text) {
        this.headerText = text == null ? "" : text;
    }

    /** How the messages are laid out. */
    public DisplayMode getDisplayMode() {
        return displayMode;
    }

    /** Sets how the messages are laid out. */
    public void setDisplayMode(DisplayMode mode) {
        this.displayMode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** Whether the summary is shown in the page. */
    public boolean isShowSummary() {
        return showSummary;
    }

    /** Sets whether the summary is shown. */
    public void setShowSummary(boolean show) {
        this.showSummary = show;
    }

    /** The group whose validators are summarized. */
    public String getValidationGroup() {
        return validationGroup;
    }

    /** Sets the group whose validators are summarized. */
    public void setValidationGroup(@Nullable String group) {
        this.validationGroup = group == null ? "" : group;
    }

    private List<String> messages() {
        List<String> messages = new ArrayList<>();
        Page page = getPage();
        if (page != null) {
            for (Validator v : page.getValidators()) {
                if (!v.isValid()
                        && v.getValidationGroup().equals(validationGroup)
                        && !v.getErrorMessage().isEmpty()) {
                    messages.add(v.getErrorMessage());
                }
            }
        }
        return messages;
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        List<String> messages = messages();
        if (!showSummary || messages.isEmpty()) {
            return;
        }
        super.render(writer);
    }

    @Override
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        List<String> messages = messages();
        switch (displayMode) {
            case BULLET_LIST -> {
                writer.write(headerText);
                writer.write("<ul>");
                for (String m : messages) {
                    writer.write("<li>");
                    writer.write(m);
                    writer.write("</li>");
                }
                writer.write("</ul>");
            }
            case LIST -> {
                if (!headerText.isEmpty()) {
                    writer.write(headerText);
                    writer.write("<br />");
                }
                for (String m : messages) {
                    writer.write(m);
                    writer.write("<br />");
                }
            }
            case SINGLE_PARAGRAPH -> {
                writer.write(headerText);
                for (String m : messages) {
                    writer.write(" ");
                    writer.write(m);
                }
                writer.write("<br />");
            }
        }
    }
}
