package dev.conduit.web.ui;

/**
 * A validator, as {@code IValidator}: the page's {@link Page#validate()} asks each one, and {@link Page#isValid()} is
 * true when all say their control is valid.
 */
public interface Validator {
    /** Checks the value now, setting {@link #isValid()}. */
    void validate() throws Exception;

    /** Whether the last check passed (true before any). */
    boolean isValid();

    /** Sets the result (a custom check can). */
    void setIsValid(boolean valid);

    /** The message a validation summary lists. */
    String getErrorMessage();

    /** The group this validator belongs to ("" for the default group). */
    String getValidationGroup();
}
