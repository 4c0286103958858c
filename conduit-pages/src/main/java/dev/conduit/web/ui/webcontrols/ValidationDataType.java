package dev.conduit.web.ui.webcontrols;

/** The type compare and range validators read values as, as {@code ValidationDataType}. */
public enum ValidationDataType {
    /** Text, compared ordinally (the default). */
    STRING,
    /** A whole number ({@code -12}). */
    INTEGER,
    /** A decimal number ({@code 3.5}). */
    DOUBLE,
    /** A date: {@code yyyy-MM-dd}, or the JVM locale's short date. */
    DATE,
    /** An amount with at most two decimals ({@code 19.99}). */
    CURRENCY
}
