package dev.conduit.web.ui.webcontrols;

import org.jspecify.annotations.Nullable;

/**
 * Compares the control's value with another control's ({@code ControlToCompare}) or a constant ({@code
 * ValueToCompare}), as {@code CompareValidator}, read as {@code Type} with {@code Operator}. A value that is not of the
 * Type fails; one to compare with that is not passes (as ASP.NET: it is the other control's validators' business);
 * {@code Operator="DataTypeCheck"} only checks the type.
 */
public class CompareValidator extends BaseCompareValidator {
    private String controlToCompare = "";
    private String valueToCompare = "";
    private ValidationCompareOperator operator = ValidationCompareOperator.EQUAL;

    /** A compare validator. */
    public CompareValidator() {}

    /** The ID of the control whose value is compared with; empty to compare with ValueToCompare. */
    public String getControlToCompare() {
        return controlToCompare;
    }

    /** Sets the control compared with. */
    public void setControlToCompare(@Nullable String id) {
        this.controlToCompare = id == null ? "" : id;
    }

    /** The constant compared with. */
    public String getValueToCompare() {
        return valueToCompare;
    }

    /** Sets the constant compared with. */
    public void setValueToCompare(@Nullable String value) {
        this.valueToCompare = value == null ? "" : value;
    }

    /** The comparison. */
    public ValidationCompareOperator getOperator() {
        return operator;
    }

    /** Sets the comparison. */
    public void setOperator(ValidationCompareOperator operator) {
        this.operator = java.util.Objects.requireNonNull(operator, "operator");
    }

    @Override
    protected boolean evaluateIsValid() {
        String text = getControlValidationValue(getControlToValidate());
        if (text.trim().isEmpty()) {
            return true;
        }
        Comparable<?> left = convert(text, getType());
        if (left == null) {
            return false;
        }
        if (operator == ValidationCompareOperator.DATA_TYPE_CHECK) {
            return true;
        }
        String other = controlToCompare.isEmpty() ? valueToCompare : getControlValidationValue(controlToCompare);
        Comparable<?> right = convert(other, getType());
        if (right == null) {
            return true;
        }
        int c = compare(left, right);
        return switch (operator) {
            case EQUAL -> c == 0;
            case NOT_EQUAL -> c != 0;
            case GREATER_THAN -> c > 0;
            case GREATER_THAN_EQUAL -> c >= 0;
            case LESS_THAN -> c < 0;
            case LESS_THAN_EQUAL -> c <= 0;
            case DATA_TYPE_CHECK -> true;
        };
    }
}
