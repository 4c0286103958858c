package dev.conduit.web.ui.webcontrols;

import dev.conduit.HttpException;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.Validator;
import org.jspecify.annotations.Nullable;

/**
 * What the validators share, as {@code BaseValidator}: the control they check ({@code ControlToValidate}, by ID in the
 * same naming container), the message for a validation summary ({@code ErrorMessage}) and the text shown in place
 * ({@code Text}, else the message), the group, and a {@code <span>} in red (ForeColor) that shows the text when the
 * check failed.
 *
 * <p>Validation runs on the server, when a button with {@code CausesValidation} posts back ({@code Page.validate}),
 * as ASP.NET does whatever the browser did; no client script is rendered ({@code EnableClientScript} is accepted and
 * has no effect), so a valid validator renders its span hidden ({@code Display}: Static keeps its space, Dynamic does
 * not, None renders nothing).
 */
public abstract class BaseValidator extends Label implements Validator {
    private String controlToValidate = "";
    private String errorMessage = "";
    private String validationGroup = "";
    private ValidatorDisplay display = ValidatorDisplay.STATIC;
    private boolean enableClientScript = true;
    private boolean setFocusOnError;
    private boolean valid = true;

    /** A validator; red, as ASP.NET's. */
    protected BaseValidator() {
        setForeColor(Color.parse("Red"));
    }

    /** The ID of the control checked (a TextBox, a DropDownList, a HiddenField), in this validator's naming container. */
    public String getControlToValidate() {
        return controlToValidate;
    }

    /** Sets the ID of the control checked. */
    public void setControlToValidate(@Nullable String id) {
        this.controlToValidate = id == null ? "" : id;
    }

    @Override
    public String getErrorMessage() {
        return errorMessage;
    }

    /** Sets the message a validation summary lists (shown in place too when Text is empty). */
    public void setErrorMessage(@Nullable String message) {
        this.errorMessage = message == null ? "" : message;
    }

    @Override
    public String getValidationGroup() {
        return validationGroup;
    }

    /** Sets the group: a button with the same ValidationGroup checks this validator. */
    public void setValidationGroup(@Nullable String group) {
        this.validationGroup = group == null ? "" : group;
    }

    /** How the message is shown in place. */
    public ValidatorDisplay getDisplay() {
        return display;
    }

    /** Sets how the message is shown in place. */
    public void setDisplay(ValidatorDisplay display) {
        this.display = java.util.Objects.requireNonNull(display, "display");
    }

    /** Accepted for ASP.NET's markup; Conduit renders no validation script, the server checks. */
    public boolean isEnableClientScript() {
        return enableClientScript;
    }

    /** Accepted; no effect. */
    public void setEnableClientScript(boolean on) {
        this.enableClientScript = on;
    }

    /** Accepted; no effect (no script sets the focus). */
    public boolean isSetFocusOnError() {
        return setFocusOnError;
    }

    /** Accepted; no effect. */
    public void setSetFocusOnError(boolean on) {
        this.setFocusOnError = on;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void setIsValid(boolean valid) {
        this.valid = valid;
    }

    /** Checks the control's value now: valid when disabled or hidden, as ASP.NET. */
    @Override
    public void validate() throws Exception {
        valid = true;
        if (!isEnabled() || !isVisible()) {
            return;
        }
        valid = evaluateIsValid();
    }

    /** Whether the control's value passes this validator's check. */
    protected abstract boolean evaluateIsValid() throws Exception;

    /**
     * The value of the control with {@code id} in this validator's naming container, as ASP.NET's {@code
     * GetControlValidationValue}: a TextBox's text, a list's selected value, a HiddenField's value, trimmed by the
     * validators that compare.
     *
     * @throws HttpException naming the ID when there is no such control or it cannot be validated
     */
    protected String getControlValidationValue(String id) {
        Control c = findControl(id);
        if (c == null) {
            throw new HttpException(
                    500,
                    "Unable to find control id '" + id + "' referenced by the" + " 'ControlToValidate' property of '"
                            + getID() + "'.");
        }
        return switch (c) {
            case TextBox t -> t.getText();
            case ListControl l -> l.getSelectedValue();
            case HiddenField h -> h.getValue();
            default ->
                throw new HttpException(
                        500,
                        "Control '" + id + "' referenced by the ControlToValidate property of '" + getID()
                                + "' cannot be validated.");
        };
    }

    /** Joins the page's validators. */
    @Override
    protected void onInit(EventArgs e) throws Exception {
        super.onInit(e);
        Page page = getPage();
        if (page != null) {
            page.getValidators().add(this);
        }
    }

    /** Leaves the page's validators. */
    @Override
    protected void onUnload(EventArgs e) throws Exception {
        Page page = getPage();
        if (page != null) {
            page.getValidators().remove(this);
        }
        super.onUnload(e);
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        if (display == ValidatorDisplay.NONE) {
            return;
        }
        if (controlToValidate.isEmpty() && !(this instanceof CustomValidator)) {
            throw new HttpException(500, "The ControlToValidate property of '" + getID() + "' cannot be blank.");
        }
        super.render(writer);
    }

    /** The label's attributes, then the style that hides a valid validator's text. */
    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        super.addAttributesToRender(writer);
        if (valid) {
            if (display == ValidatorDisplay.DYNAMIC) {
                writer.addStyleAttribute("display", "none");
            } else {
                writer.addStyleAttribute("visibility", "hidden");
            }
        }
    }

    /** The text shown: Text, else ErrorMessage. */
    @Override
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        if (hasControls()) {
            super.renderContents(writer);
            return;
        }
        String text = getText();
        writer.write(text.isEmpty() ? errorMessage : text);
    }
}
