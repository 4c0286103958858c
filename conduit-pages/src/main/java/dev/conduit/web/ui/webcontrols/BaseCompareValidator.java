package dev.conduit.web.ui.webcontrols;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What compare and range validators share, as {@code BaseCompareValidator}: the Type values are read as, and the
 * conversion. An empty value passes (pair it with a RequiredFieldValidator), as in ASP.NET.
 */
public abstract class BaseCompareValidator extends BaseValidator {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})");
    private static final Pattern CURRENCY = Pattern.compile("[+-]?(\\d{1,30}(\\.\\d{0,2})?|\\.\\d{1,2})");

    private ValidationDataType type = ValidationDataType.STRING;

    /** A validator reading values as text until Type says otherwise. */
    protected BaseCompareValidator() {}

    /** The type values are read as. */
    public ValidationDataType getType() {
        return type;
    }

    /** Sets the type values are read as. */
    public void setType(ValidationDataType type) {
        this.type = java.util.Objects.requireNonNull(type, "type");
    }

    /** {@code text} as a value of {@code type} to compare, or null when it is not one. */
    static @Nullable Comparable<?> convert(String text, ValidationDataType type) {
        String t = text.trim();
        return switch (type) {
            case STRING -> text;
            case INTEGER -> INTEGER.matcher(t).matches() ? Long.valueOf(t.startsWith("+") ? t.substring(1) : t) : null;
            case DOUBLE -> DECIMAL.matcher(t).matches() ? new BigDecimal(t) : null;
            case CURRENCY -> CURRENCY.matcher(t).matches() ? new BigDecimal(t) : null;
            case DATE -> date(t);
        };
    }

    private static @Nullable LocalDate date(String t) {
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(
                        t, DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(Locale.getDefault()));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Compares two values of one type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Comparable<?> a, Comparable<?> b) {
        return ((Comparable) a).compareTo(b);
    }
}
