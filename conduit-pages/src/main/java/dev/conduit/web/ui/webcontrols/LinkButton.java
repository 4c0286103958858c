package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.LiteralControl;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.PostBackEventHandler;
import dev.conduit.web.ui.WebEventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A link that posts the form back, as {@code asp:LinkButton}: {@code <a id="Delete"
 * href="javascript:__doPostBack(&#39;Delete&#39;,&#39;&#39;)">Delete</a>}. The page renders {@code __doPostBack} and
 * its {@code __EVENTTARGET} and {@code __EVENTARGUMENT} fields; the postback raises Click, then Command with the
 * command name and argument, as System.Web. The text is written as it is (markup, as ASP.NET's); text inside the tag
 * is the text. Must be inside a {@code <form runat="server">}.
 */
public class LinkButton extends WebControl implements PostBackEventHandler {
    private String commandName = "";
    private String commandArgument = "";
    private String onClientClick = "";
    private String validationGroup = "";
    private boolean causesValidation = true;
    private final List<WebEventHandler<EventArgs>> click = new ArrayList<>(1);
    private final List<WebEventHandler<CommandEventArgs>> command = new ArrayList<>(1);

    /** A link button without text. */
    public LinkButton() {
        super("a");
    }

    /** The link's text (kept in view state). */
    public String getText() {
        return getViewState().get("Text") instanceof String t ? t : "";
    }

    /** Sets the link's text. */
    public void setText(@Nullable String text) {
        getViewState().set("Text", text == null ? "" : text);
    }

    /** The command name the Command event carries; empty for none. */
    public String getCommandName() {
        return commandName;
    }

    /** Sets the command name. */
    public void setCommandName(@Nullable String commandName) {
        this.commandName = commandName == null ? "" : commandName;
    }

    /** The command argument the Command event carries; empty for none. */
    public String getCommandArgument() {
        return commandArgument;
    }

    /** Sets the command argument. */
    public void setCommandArgument(@Nullable String commandArgument) {
        this.commandArgument = commandArgument == null ? "" : commandArgument;
    }

    /** Script run on click before the postback ({@code onclick}). */
    public String getOnClientClick() {
        return onClientClick;
    }

    /** Sets the script run on click. */
    public void setOnClientClick(@Nullable String script) {
        this.onClientClick = script == null ? "" : script;
    }

    /** Whether a click validates the page (its ValidationGroup's validators) before Click. */
    public boolean isCausesValidation() {
        return causesValidation;
    }

    /** Sets whether a click validates the page. */
    public void setCausesValidation(boolean causesValidation) {
        this.causesValidation = causesValidation;
    }

    /** The group of validators a click checks. */
    public String getValidationGroup() {
        return validationGroup;
    }

    /** Sets the group of validators a click checks. */
    public void setValidationGroup(@Nullable String group) {
        this.validationGroup = group == null ? "" : group;
    }

    /** Adds a handler of Click. */
    public void addClick(WebEventHandler<EventArgs> handler) {
        click.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Adds a handler of Command: Click with the command name and argument. */
    public void addCommand(WebEventHandler<CommandEventArgs> handler) {
        command.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Raises Click to the handlers, in the order they were added. */
    protected void onClick(EventArgs e) throws Exception {
        for (WebEventHandler<EventArgs> h : List.copyOf(click)) {
            h.handle(this, e);
        }
    }

    /** Raises Command to the handlers, in the order they were added. */
    protected void onCommand(CommandEventArgs e) throws Exception {
        for (WebEventHandler<CommandEventArgs> h : List.copyOf(command)) {
            h.handle(this, e);
        }
    }

    /** Handles the postback {@code __EVENTTARGET} names this link for: Click, then Command. */
    @Override
    public void raisePostBackEvent(@Nullable String eventArgument) throws Exception {
        Page page = getPage();
        if (page != null) {
            page.validateEvent(Objects.requireNonNullElse(getUniqueID(), ""), eventArgument);
        }
        if (page != null && isCausesValidation()) {
            page.validate(getValidationGroup()); // then Click, which may ask page.isValid(), as in ASP.NET
        }
        onClick(EventArgs.EMPTY);
        onCommand(new CommandEventArgs(commandName, commandArgument));
    }

    /** Asks the page for {@code __doPostBack}. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        Page page = getPage();
        if (page != null) {
            page.registerPostBackScript();
        }
    }

    /** Text inside the tag is the text; a control inside it is a child, rendered in the link. */
    @Override
    public void addParsedSubObject(Object obj) {
        if (obj instanceof LiteralControl l && !hasControls()) {
            setText(l.getText());
            return;
        }
        String text = getText();
        if (!text.isEmpty()) {
            getControls().add(new LiteralControl(text));
            setText("");
        }
        super.addParsedSubObject(obj);
    }

    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        getClientID(); // a link button always renders its id, as ASP.NET's
        super.addAttributesToRender(writer);
        String script = onClientClick.trim();
        if (!script.isEmpty()) {
            writer.addAttribute("onclick", script.endsWith(";") ? script : script + ";");
        }
        Page page = getPage();
        if (page != null && isEnabled()) {
            writer.addAttribute("href", "javascript:" + page.getPostBackEventReference(this, ""));
        }
    }

    @Override
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        if (hasControls() || hasRenderMethod()) {
            renderChildren(writer);
        } else {
            writer.write(getText());
        }
    }
}
