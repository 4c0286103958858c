package dev.conduit.web.ui.webcontrols;

import dev.conduit.HttpException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Fails when the control's value does not match ValidationExpression as a whole, as {@code
 * RegularExpressionValidator}; an empty value passes (pair it with a RequiredFieldValidator). The expression is a
 * Java regular expression (the common .NET syntax is the same). Matching stops after {@link #MATCH_TIMEOUT_MILLIS}, as
 * .NET's match timeout, and counts as not valid: a posted value cannot hold a thread with a pathological pattern.
 */
public class RegularExpressionValidator extends BaseValidator {
    /** How long one match may run. */
    public static final long MATCH_TIMEOUT_MILLIS = 2000;

    private String validationExpression = "";
    private @Nullable Pattern pattern;

    /** A regular-expression validator. */
    public RegularExpressionValidator() {}

    /** The expression the whole value must match. */
    public String getValidationExpression() {
        return validationExpression;
    }

    /**
     * Sets the expression.
     *
     * @throws IllegalArgumentException for an expression that does not compile
     */
    public void setValidationExpression(@Nullable String expression) {
        this.validationExpression = expression == null ? "" : expression;
        try {
            this.pattern = validationExpression.isEmpty() ? null : Pattern.compile(validationExpression);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("ValidationExpression '" + expression + "' is not a valid regular"
                    + " expression: " + e.getDescription());
        }
    }

    @Override
    protected boolean evaluateIsValid() {
        String value = getControlValidationValue(getControlToValidate());
        if (value.trim().isEmpty() || pattern == null) {
            return true;
        }
        try {
            Matcher m = pattern.matcher(new Deadline(value, System.nanoTime() + MATCH_TIMEOUT_MILLIS * 1_000_000));
            return m.matches();
        } catch (Deadline.Expired e) {
            return false;
        } catch (StackOverflowError e) {
            throw new HttpException(500, "ValidationExpression of '" + getID() + "' overflowed the stack.");
        }
    }

    /** The value, read by the matcher until a deadline (the clock is read every 1,024 reads). */
    private static final class Deadline implements CharSequence {
        static final class Expired extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Expired() {
                super("the match timed out", null, false, false);
            }
        }

        private final String text;
        private final long until;
        private int reads;

        Deadline(String text, long until) {
            this.text = text;
            this.until = until;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3FF) == 0 && System.nanoTime() > until) {
                throw new Expired();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.substring(start, end), until);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
