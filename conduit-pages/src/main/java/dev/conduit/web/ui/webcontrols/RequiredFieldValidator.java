package dev.conduit.web.ui.webcontrols;

import org.jspecify.annotations.Nullable;

/** Fails when the control's value is empty (or its InitialValue), both trimmed, as {@code RequiredFieldValidator}. */
public class RequiredFieldValidator extends BaseValidator {
    private String initialValue = "";

    /** A required-field validator. */
    public RequiredFieldValidator() {}

    /** The value that counts as not filled in ("" by default; "(choose)" for a list's first item, say). */
    public String getInitialValue() {
        return initialValue;
    }

    /** Sets the value that counts as not filled in. */
    public void setInitialValue(@Nullable String value) {
        this.initialValue = value == null ? "" : value;
    }

    @Override
    protected boolean evaluateIsValid() {
        return !getControlValidationValue(getControlToValidate()).trim().equals(initialValue.trim());
    }
}
