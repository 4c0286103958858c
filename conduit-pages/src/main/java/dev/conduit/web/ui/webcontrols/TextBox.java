package dev.conduit.web.ui.webcontrols;

import dev.conduit.HttpException;
import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.LiteralControl;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.PostBackDataHandler;
import dev.conduit.web.ui.WebEventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A text field, as {@code asp:TextBox}: {@code <input name="ctl00$Main$Name" type="text" id="Main_Name" />}, a
 * password field ({@code TextMode="Password"}, never rendering its value) or a {@code <textarea>} ({@code
 * TextMode="MultiLine"}, 2 rows and 20 columns unless set). Its {@code name} is its UniqueID, the form field it posts.
 *
 * <p>Rendering follows ASP.NET 4.0: {@code name}, {@code type}, {@code value} (when there is text), {@code maxlength},
 * {@code size}, {@code readonly}, then the common attributes ({@code id}, {@code title}, {@code class}, the others) and
 * {@code style}; for a textarea {@code name}, {@code rows}, {@code cols}, {@code wrap}, {@code readonly} and the
 * common ones, and a line break before the encoded text (the browser drops it, keeping a leading line break of the
 * text). In a page, the text box must be inside a {@code <form runat="server">}, or rendering throws. Text inside the
 * tag is the {@code Text}. Reading posted values and raising TextChanged belong to postback support; {@code
 * AutoPostBack} is kept but renders no script yet.
 */
public class TextBox extends WebControl implements PostBackDataHandler {
    private TextBoxMode textMode = TextBoxMode.SINGLE_LINE;
    private int maxLength;
    private int columns;
    private int rows;
    private boolean readOnly;
    private boolean wrap = true;
    private boolean autoPostBack;
    private final List<WebEventHandler<EventArgs>> textChanged = new ArrayList<>(1);

    /** An empty single-line text box. */
    public TextBox() {
        super("input");
    }

    /** The text (kept in view state, as ASP.NET's). */
    public String getText() {
        return getViewState().get("Text") instanceof String t ? t : "";
    }

    /** Sets the text. */
    public void setText(@Nullable String text) {
        getViewState().set("Text", text == null ? "" : text);
    }

    /** What the text box renders: a text field, a password field or a textarea. */
    public TextBoxMode getTextMode() {
        return textMode;
    }

    /** Sets what the text box renders. */
    public void setTextMode(TextBoxMode textMode) {
        this.textMode = Objects.requireNonNull(textMode, "textMode");
    }

    /** The {@code input} or {@code textarea} tag name, as the mode says. */
    @Override
    public String getTagName() {
        return textMode == TextBoxMode.MULTI_LINE ? "textarea" : "input";
    }

    /** The most characters the field accepts ({@code maxlength}); 0 for no limit. */
    public int getMaxLength() {
        return maxLength;
    }

    /**
     * Sets the most characters the field accepts.
     *
     * @throws IllegalArgumentException when negative
     */
    public void setMaxLength(int maxLength) {
        this.maxLength = nonNegative("MaxLength", maxLength);
    }

    /** The width in characters ({@code size}, or {@code cols} of a textarea); 0 for the default. */
    public int getColumns() {
        return columns;
    }

    /**
     * Sets the width in characters.
     *
     * @throws IllegalArgumentException when negative
     */
    public void setColumns(int columns) {
        this.columns = nonNegative("Columns", columns);
    }

    /** The height of a textarea in lines ({@code rows}); 0 for the default, 2. */
    public int getRows() {
        return rows;
    }

    /**
     * Sets the height of a textarea in lines.
     *
     * @throws IllegalArgumentException when negative
     */
    public void setRows(int rows) {
        this.rows = nonNegative("Rows", rows);
    }

    private static int nonNegative(String property, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(property + " must be >= 0: " + value);
        }
        return value;
    }

    /** Tells whether the text cannot be changed ({@code readonly="readonly"}). */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Sets whether the text cannot be changed. */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** Tells whether a textarea wraps its lines (true by default; false renders {@code wrap="off"}). */
    public boolean isWrap() {
        return wrap;
    }

    /** Sets whether a textarea wraps its lines. */
    public void setWrap(boolean wrap) {
        this.wrap = wrap;
    }

    /** Tells whether changing the text posts the form back at once. */
    public boolean isAutoPostBack() {
        return autoPostBack;
    }

    /** Sets whether changing the text posts the form back at once. */
    public void setAutoPostBack(boolean autoPostBack) {
        this.autoPostBack = autoPostBack;
    }

    /** With AutoPostBack, asks the page for {@code __doPostBack}. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        if (autoPostBack) {
            ServerForm.autoPostBackScript(this);
        }
    }

    /** Adds a handler of TextChanged: the posted text differs from the text the page rendered. */
    public void addTextChanged(WebEventHandler<EventArgs> handler) {
        textChanged.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Raises TextChanged to the handlers, in the order they were added. */
    protected void onTextChanged(EventArgs e) throws Exception {
        for (WebEventHandler<EventArgs> h : List.copyOf(textChanged)) {
            h.handle(this, e);
        }
    }

    /**
     * Takes the posted text: a change when it differs from the text the page rendered (kept in view state when
     * TextChanged has handlers). A read-only text box keeps its text, as in ASP.NET.
     */
    @Override
    public boolean loadPostData(String postDataKey, java.util.Map<String, String> postCollection) {
        Page page = getPage();
        if (page != null) {
            page.validateEvent(postDataKey, null);
        }
        String posted = postCollection.get(postDataKey);
        if (posted == null || readOnly || posted.equals(getText())) {
            return false;
        }
        setText(posted);
        return true;
    }

    /** Raises TextChanged. */
    @Override
    public void raisePostDataChangedEvent() throws Exception {
        onTextChanged(EventArgs.EMPTY);
    }

    /**
     * The text travels in view state only when something needs to know it changed, as ASP.NET's {@code
     * SaveTextViewState}: TextChanged has handlers, the box is hidden, disabled or read-only (its text is not posted or
     * not taken), or a subclass; never for a password.
     */
    @Override
    protected @Nullable Object saveViewState() {
        boolean keep = textMode != TextBoxMode.PASSWORD
                && (!textChanged.isEmpty() || !isVisible() || !isEnabled() || readOnly || getClass() != TextBox.class);
        if (!keep) {
            getViewState().setItemDirty("Text", false);
        }
        return super.saveViewState();
    }

    /**
     * Text inside the tag becomes the Text.
     *
     * @throws HttpException for a child control, as System.Web
     */
    @Override
    public void addParsedSubObject(Object obj) {
        if (obj instanceof LiteralControl l) {
            setText(l.getText());
            return;
        }
        throw new HttpException(
                500, "'TextBox' cannot have children of type '" + obj.getClass().getSimpleName() + "'.");
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        addAttributesToRender(writer);
        if (textMode != TextBoxMode.MULTI_LINE) {
            writer.renderSelfClosingTag("input");
            return;
        }
        writer.renderBeginTag("textarea");
        // ASP.NET 4 always writes a line break first: the browser drops the first one after <textarea>
        writer.writeLine();
        writer.writeEncodedText(getText());
        writer.renderEndTag();
    }

    /** Adds the attributes in System.Web's order (see the class comment). */
    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        ServerForm.addPostName(this, writer);
        if (autoPostBack) {
            ServerForm.addAutoPostBack(this, writer, "onchange");
        }
        if (textMode == TextBoxMode.MULTI_LINE) {
            writer.addAttribute("rows", Integer.toString(rows == 0 ? 2 : rows));
            writer.addAttribute("cols", Integer.toString(columns == 0 ? 20 : columns));
            if (!wrap) {
                writer.addAttribute("wrap", "off");
            }
        } else {
            String customType = getAttributes().get("type");
            if (textMode != TextBoxMode.SINGLE_LINE || customType == null || customType.isEmpty()) {
                writer.addAttribute("type", textMode == TextBoxMode.PASSWORD ? "password" : "text");
            }
            String text = getText();
            if (textMode != TextBoxMode.PASSWORD && !text.isEmpty()) {
                writer.addAttribute("value", text);
            }
            if (maxLength > 0) {
                writer.addAttribute("maxlength", Integer.toString(maxLength));
            }
            if (columns > 0) {
                writer.addAttribute("size", Integer.toString(columns));
            }
        }
        if (readOnly) {
            writer.addAttribute("readonly", "readonly");
        }
        super.addAttributesToRender(writer);
    }
}
