package dev.conduit.web.ui.webcontrols;

import dev.conduit.HttpException;
import org.jspecify.annotations.Nullable;

/**
 * Fails when the control's value, read as {@code Type}, is outside {@code MinimumValue}..{@code MaximumValue} or not of
 * the Type, as {@code RangeValidator}. A bound that is not of the Type is the page's error (500 naming it).
 */
public class RangeValidator extends BaseCompareValidator {
    private String minimumValue = "";
    private String maximumValue = "";

    /** A range validator. */
    public RangeValidator() {}

    /** The lowest value allowed. */
    public String getMinimumValue() {
        return minimumValue;
    }

    /** Sets the lowest value allowed. */
    public void setMinimumValue(@Nullable String value) {
        this.minimumValue = value == null ? "" : value;
    }

    /** The highest value allowed. */
    public String getMaximumValue() {
        return maximumValue;
    }

    /** Sets the highest value allowed. */
    public void setMaximumValue(@Nullable String value) {
        this.maximumValue = value == null ? "" : value;
    }

    private Comparable<?> bound(String name, String text) {
        Comparable<?> v = convert(text, getType());
        if (v == null) {
            throw new HttpException(
                    500,
                    "The value '" + text + "' of the " + name + " property of '" + getID()
                            + "' cannot be converted to type '" + getType() + "'.");
        }
        return v;
    }

    @Override
    protected boolean evaluateIsValid() {
        Comparable<?> min = bound("MinimumValue", minimumValue);
        Comparable<?> max = bound("MaximumValue", maximumValue);
        String text = getControlValidationValue(getControlToValidate());
        if (text.trim().isEmpty()) {
            return true;
        }
        Comparable<?> v = convert(text, getType());
        return v != null && compare(v, min) >= 0 && compare(v, max) <= 0;
    }
}
