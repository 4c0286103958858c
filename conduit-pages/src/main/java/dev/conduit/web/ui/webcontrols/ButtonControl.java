package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.PostBackEventHandler;
import dev.conduit.web.ui.WebEventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a button and a link button share, as ASP.NET's {@code IButtonControl}: a text, a command name and argument,
 * client script on click, CausesValidation and a ValidationGroup, and the Click and Command events its postback
 * raises. The subclasses render it.
 *
 * @param <A> what Click carries: {@link EventArgs}, or an ImageButton's {@link ImageClickEventArgs} (a handler taking
 *     {@code EventArgs} still fits)
 */
public abstract class ButtonControl<A extends EventArgs> extends WebControl implements PostBackEventHandler {
    private String onClientClick = "";
    private String validationGroup = "";
    private boolean causesValidation = true;
    private final List<WebEventHandler<? super A>> click = new ArrayList<>(1);
    private final List<WebEventHandler<CommandEventArgs>> command = new ArrayList<>(1);

    /** A button rendered as {@code tag}. */
    protected ButtonControl(String tag) {
        super(tag);
    }

    /** The caption (kept in view state, as ASP.NET's). */
    public String getText() {
        return getViewState().get("Text") instanceof String t ? t : "";
    }

    /** Sets the caption. */
    public void setText(@Nullable String text) {
        getViewState().set("Text", text == null ? "" : text);
    }

    /** The command name the Command event carries; empty for none (kept in view state, as ASP.NET's). */
    public String getCommandName() {
        return getViewState().get("CommandName") instanceof String n ? n : "";
    }

    /** Sets the command name the Command event carries. */
    public void setCommandName(@Nullable String commandName) {
        getViewState().set("CommandName", commandName == null ? "" : commandName);
    }

    /** The command argument the Command event carries; empty for none. */
    public String getCommandArgument() {
        return getViewState().get("CommandArgument") instanceof String a ? a : "";
    }

    /** Sets the command argument the Command event carries. */
    public void setCommandArgument(@Nullable String commandArgument) {
        getViewState().set("CommandArgument", commandArgument == null ? "" : commandArgument);
    }

    /** The script run in the browser on click, before the form posts; empty for none. */
    public String getOnClientClick() {
        return onClientClick;
    }

    /** Sets the script run in the browser on click. */
    public void setOnClientClick(@Nullable String onClientClick) {
        this.onClientClick = onClientClick == null ? "" : onClientClick;
    }

    /** Tells whether pressing the button validates the page (true by default). */
    public boolean isCausesValidation() {
        return causesValidation;
    }

    /** Sets whether pressing the button validates the page. */
    public void setCausesValidation(boolean causesValidation) {
        this.causesValidation = causesValidation;
    }

    /** The group of validators the button triggers; empty for the default group. */
    public String getValidationGroup() {
        return validationGroup;
    }

    /** Sets the group of validators the button triggers. */
    public void setValidationGroup(@Nullable String validationGroup) {
        this.validationGroup = validationGroup == null ? "" : validationGroup;
    }

    /** Adds a handler of Click. */
    public void addClick(WebEventHandler<? super A> handler) {
        click.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Adds a handler of Command: Click with the button's command name and argument. */
    public void addCommand(WebEventHandler<CommandEventArgs> handler) {
        command.add(Objects.requireNonNull(handler, "handler"));
    }

    /** What this postback's Click carries. */
    protected abstract A clickEventArgs();

    /** Raises Click to the handlers, in the order they were added. */
    protected void onClick(A e) throws Exception {
        for (WebEventHandler<? super A> h : List.copyOf(click)) {
            h.handle(this, e);
        }
    }

    /** Raises Command to the handlers, in the order they were added. */
    protected void onCommand(CommandEventArgs e) throws Exception {
        for (WebEventHandler<CommandEventArgs> h : List.copyOf(command)) {
            h.handle(this, e);
        }
        raiseBubbleEvent(this, e); // to the Repeater's ItemCommand, as System.Web
    }

    /**
     * Handles the postback this control raised, as {@code IPostBackEventHandler.RaisePostBackEvent}: checks it was one
     * the page rendered (event validation), validates the page when CausesValidation says so, then raises Click, then
     * Command with the command name and argument. Called by the page's postback processing.
     */
    @Override
    public void raisePostBackEvent(@Nullable String eventArgument) throws Exception {
        Page page = getPage();
        if (page != null) {
            page.validateEvent(Objects.requireNonNullElse(getUniqueID(), ""), eventArgument);
        }
        if (page != null && isCausesValidation()) {
            page.validate(getValidationGroup()); // then Click, which may ask page.isValid(), as in ASP.NET
        }
        onClick(clickEventArgs());
        onCommand(new CommandEventArgs(getCommandName(), getCommandArgument()));
    }
}
