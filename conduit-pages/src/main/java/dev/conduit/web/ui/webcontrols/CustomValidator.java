package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.WebEventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A check of the page's own, as {@code CustomValidator}: its ServerValidate handlers ({@code
 * OnServerValidate="Check"}) get the value and set {@code args.setIsValid(false)}. Without ControlToValidate the
 * value is "". An empty value is valid without asking the handlers unless ValidateEmptyText is true, as in ASP.NET.
 */
public class CustomValidator extends BaseValidator {
    private boolean validateEmptyText;
    private final List<WebEventHandler<ServerValidateEventArgs>> serverValidate = new ArrayList<>(1);

    /** A custom validator. */
    public CustomValidator() {}

    /** Whether the handlers also check an empty value. */
    public boolean isValidateEmptyText() {
        return validateEmptyText;
    }

    /** Sets whether the handlers also check an empty value. */
    public void setValidateEmptyText(boolean on) {
        this.validateEmptyText = on;
    }

    /** Adds a handler of ServerValidate. */
    public void addServerValidate(WebEventHandler<ServerValidateEventArgs> handler) {
        serverValidate.add(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    protected boolean evaluateIsValid() throws Exception {
        String value = getControlToValidate().isEmpty() ? "" : getControlValidationValue(getControlToValidate());
        if (value.trim().isEmpty() && !getControlToValidate().isEmpty() && !validateEmptyText) {
            return true;
        }
        ServerValidateEventArgs args = new ServerValidateEventArgs(value, true);
        for (WebEventHandler<ServerValidateEventArgs> h : List.copyOf(serverValidate)) {
            h.handle(this, args);
        }
        return args.isValid();
    }
}
