package dev.conduit.web.ui.webcontrols;

/** How a CompareValidator compares, as {@code ValidationCompareOperator}. */
public enum ValidationCompareOperator {
    /** Equal to (the default). */
    EQUAL,
    /** Not equal to. */
    NOT_EQUAL,
    /** Greater than. */
    GREATER_THAN,
    /** Greater than or equal to. */
    GREATER_THAN_EQUAL,
    /** Less than. */
    LESS_THAN,
    /** Less than or equal to. */
    LESS_THAN_EQUAL,
    /** Only that the value is of the Type. */
    DATA_TYPE_CHECK
}
