package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;

/** What a CustomValidator's ServerValidate handler gets: the value, and where it says whether it is valid. */
public class ServerValidateEventArgs extends EventArgs {
    private final String value;
    private boolean valid;

    /** Arguments for {@code value}, valid until the handler says otherwise. */
    public ServerValidateEventArgs(String value, boolean valid) {
        this.value = value;
        this.valid = valid;
    }

    /** The control's value ("" for a validator without ControlToValidate). */
    public String getValue() {
        return value;
    }

    /** Whether the value is valid. */
    public boolean isValid() {
        return valid;
    }

    /** Sets whether the value is valid. */
    public void setIsValid(boolean valid) {
        this.valid = valid;
    }
}
