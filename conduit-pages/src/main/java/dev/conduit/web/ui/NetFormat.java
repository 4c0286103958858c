package dev.conduit.web.ui;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;

/**
 * .NET composite format strings for data binding ({@code Eval("Price", "{0:F2}")}, {@code "{0:yyyy-MM-dd}"}), so the
 * format strings of existing markup keep working: {@code {0}}, {@code {0,alignment}}, {@code {0:format}}, {@code
 * {{}} and {@code }}} as braces.
 *
 * <p>Numbers: the standard formats C, D, E, F, G, N, P, X with a precision ({@code F2}, {@code N0}, {@code D5}) and
 * custom patterns ({@code "#,##0.00"}: the same syntax as {@link DecimalFormat}). Dates and times ({@code
 * java.time} values and {@link Date}): the standard d, D, t, T, f, F, g, G, s, o and custom patterns, translated to
 * {@link DateTimeFormatter} ({@code dddd} is the day's name, {@code tt} AM/PM). Culture-dependent formats use the
 * JVM's default locale, as .NET uses the thread's culture; anything else is {@code String.valueOf}.
 */
final class NetFormat {
    private NetFormat() {}

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The last single-item composite seen and its format ("{0:F2}" and "F2"): markup passes the same constant. */
    private record Single(String composite, String format) {}

    private static volatile Single last = new Single("", "");

    /**
     * The precision of {@code composite} when it is one fixed-point item and nothing else ({@code "{0:F2}"}, {@code
     * "{0:f}"}: 2), the form a compiled {@code Eval} writes with {@link HtmlTextWriter#writeFixed}; -1 for anything else.
     */
    static int fixedPrecision(String composite) {
        int length = composite.length();
        if (length < 5
                || !composite.startsWith("{0:")
                || Character.toUpperCase(composite.charAt(3)) != 'F'
                || composite.charAt(length - 1) != '}') {
            return -1;
        }
        String digits = composite.substring(4, length - 1);
        if (digits.isEmpty()) {
            return 2;
        }
        return digits.length() == 1 && Character.isDigit(digits.charAt(0)) ? digits.charAt(0) - '0' : -1;
    }

    static String format(String composite, Object value) {
        Single single = last;
        if (single.composite() == composite) {
            return one(single.format(), value);
        }
        // the common form, one item and nothing around it ("{0:F2}"), without scanning for braces
        int length = composite.length();
        if (length > 3
                && composite.startsWith("{0:")
                && composite.charAt(length - 1) == '}'
                && composite.indexOf('}') == length - 1
                && composite.indexOf('{', 1) < 0) {
            String format = composite.substring(3, length - 1);
            last = new Single(composite, format);
            return one(format, value);
        }
        StringBuilder out = new StringBuilder();
        int n = composite.length();
        for (int i = 0; i < n; i++) {
            char c = composite.charAt(i);
            if (c == '{' && i + 1 < n && composite.charAt(i + 1) == '{') {
                out.append('{');
                i++;
            } else if (c == '}' && i + 1 < n && composite.charAt(i + 1) == '}') {
                out.append('}');
                i++;
            } else if (c == '{') {
                int close = composite.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("the format string '" + composite + "' has an unclosed '{'");
                }
                out.append(item(composite.substring(i + 1, close), value));
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String item(String spec, Object value) {
        int colon = spec.indexOf(':');
        String head = colon < 0 ? spec : spec.substring(0, colon);
        String format = colon < 0 ? "" : spec.substring(colon + 1);
        int comma = head.indexOf(',');
        String text = one(format, value);
        if (comma >= 0) {
            int width = Integer.parseInt(head.substring(comma + 1).trim());
            String pad = " ".repeat(Math.max(0, Math.abs(width) - text.length()));
            text = width < 0 ? text + pad : pad + text;
        }
        return text;
    }

    /** {@code value} formatted with one .NET format string ({@code "F2"}, {@code "yyyy-MM-dd"}). */
    static String one(String format, Object value) {
        if (format.isEmpty()) {
            return String.valueOf(value);
        }
        if (value instanceof Number number) {
            return number(format, number);
        }
        TemporalAccessor t = temporal(value);
        if (t != null) {
            return date(format, t);
        }
        return String.valueOf(value);
    }

    private static TemporalAccessor temporal(Object value) {
        if (value instanceof Date d) {
            return LocalDateTime.ofInstant(d.toInstant(), ZoneId.systemDefault());
        }
        if (value instanceof java.time.Instant i) {
            return LocalDateTime.ofInstant(i, ZoneId.systemDefault()); // as .NET shows a DateTime: local time
        }
        if (value instanceof LocalDate
                || value instanceof LocalDateTime
                || value instanceof ZonedDateTime
                || value instanceof OffsetDateTime
                || value instanceof java.time.LocalTime) {
            return (TemporalAccessor) value;
        }
        return null;
    }

    private static String number(String format, Number number) {
        char kind = Character.toUpperCase(format.charAt(0));
        String digits = format.substring(1);
        boolean standard = "CDEFGNPX".indexOf(kind) >= 0 && allDigits(digits);
        if (!standard) {
            DecimalFormat f = new DecimalFormat(format, DecimalFormatSymbols.getInstance(Locale.getDefault()));
            f.setRoundingMode(RoundingMode.HALF_UP);
            return f.format(number);
        }
        Integer precision = digits.isEmpty() ? null : Integer.valueOf(digits);
        if (kind == 'F') {
            String fast = fixedFast(number, precision == null ? 2 : precision);
            if (fast != null) {
                return fast;
            }
        }
        BigDecimal decimal = decimal(number);
        switch (kind) {
            case 'C': {
                NumberFormat f = NumberFormat.getCurrencyInstance(Locale.getDefault());
                int p = precision == null ? 2 : precision;
                f.setMinimumFractionDigits(p);
                f.setMaximumFractionDigits(p);
                f.setRoundingMode(RoundingMode.HALF_UP);
                return f.format(decimal);
            }
            case 'D': {
                BigInteger whole = decimal.toBigInteger();
                String s = whole.abs().toString();
                int p = precision == null ? 0 : precision;
                s = "0".repeat(Math.max(0, p - s.length())) + s;
                return whole.signum() < 0 ? "-" + s : s;
            }
            case 'E':
                return String.format(Locale.ROOT, "%." + (precision == null ? 6 : precision) + "E", decimal)
                        .replaceAll("E([+-])(\\d)$", "E$10$2")
                        .replaceAll("E([+-])(\\d\\d)$", "E$10$2");
            case 'F': {
                int p = precision == null ? 2 : precision;
                String fast = fixedFast(number, p);
                return fast != null
                        ? fast
                        : decimal.setScale(p, RoundingMode.HALF_UP).toPlainString();
            }
            case 'N': {
                NumberFormat f = NumberFormat.getNumberInstance(Locale.getDefault());
                int p = precision == null ? 2 : precision;
                f.setMinimumFractionDigits(p);
                f.setMaximumFractionDigits(p);
                f.setRoundingMode(RoundingMode.HALF_UP);
                return f.format(decimal);
            }
            case 'P': {
                int p = precision == null ? 2 : precision;
                return decimal.movePointRight(2)
                                .setScale(p, RoundingMode.HALF_UP)
                                .toPlainString() + " %";
            }
            case 'X': {
                String s = decimal.toBigInteger().toString(16);
                if (Character.isUpperCase(format.charAt(0))) {
                    s = s.toUpperCase(Locale.ROOT);
                }
                int p = precision == null ? 0 : precision;
                return "0".repeat(Math.max(0, p - s.length())) + s;
            }
            default: // 'G'
                return precision == null
                        ? String.valueOf(number)
                        : decimal.round(new java.math.MathContext(precision))
                                .stripTrailingZeros()
                                .toPlainString();
        }
    }

    private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * {@code F<precision>} of a double or float without BigDecimal, when the answer is sure: the value scaled by
     * 10^precision rounds the same way whatever its shortest decimal form, unless it lies next to a half (1.005 is
     * 1.00499999..., and .NET Framework's 15-digit rounding, like {@code BigDecimal.valueOf}, gives 1.01): those, and
     * large values, take the exact path. A page formats hundreds of prices per request.
     */
    private static @org.jspecify.annotations.Nullable String fixedFast(Number number, int precision) {
        if (!(number instanceof Double || number instanceof Float)) {
            return null;
        }
        StringBuilder out = new StringBuilder(24);
        return appendFixed(out, number.doubleValue(), precision) ? out.toString() : null;
    }

    /**
     * {@code |x|} scaled by 10<sup>precision</sup> and rounded, as .NET's {@code F<precision>} format shows it, when
     * that is sure from the double's arithmetic (not within rounding error of a half, at most 9 decimals, under
     * 10<sup>9</sup>); -1 otherwise, for {@link BigDecimal} to decide.
     */
    static long fixedUnits(double x, int precision) {
        if (precision > 9 || precision < 0) {
            return -1;
        }
        double abs = Math.abs(x);
        if (!(abs < 1e9)) {
            return -1; // large, infinite or NaN
        }
        double scaled = abs * POWERS[precision];
        if (scaled >= 1e15) {
            return -1; // past what a double holds to the unit
        }
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        if (Math.abs(fraction - 0.5) < Math.max(1e-6, 64 * Math.ulp(scaled))) {
            return -1;
        }
        return (long) floor + (fraction > 0.5 ? 1 : 0);
    }

    /** 10<sup>precision</sup>, for {@link #fixedUnits}' precisions. */
    static long scale(int precision) {
        return (long) POWERS[precision];
    }

    /**
     * Appends {@code x} in .NET's {@code F<precision>} format when {@link #fixedUnits} is sure of it; otherwise appends
     * nothing and returns false.
     */
    static boolean appendFixed(StringBuilder out, double x, int precision) {
        long units = fixedUnits(x, precision);
        if (units < 0) {
            return false;
        }
        long scale = scale(precision);
        long whole = units / scale;
        long decimals = units - whole * scale;
        if (x < 0 && units != 0) {
            out.append('-');
        }
        out.append(whole);
        if (precision > 0) {
            out.append('.');
            for (long p = scale / 10; p > decimals && p > 1; p /= 10) {
                out.append('0'); // leading zeros of the decimals: 1.05 is "1" "." "0" "5"
            }
            out.append(decimals);
        }
        return true;
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal b) {
            return b;
        }
        if (number instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (number instanceof Double || number instanceof Float) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        return BigDecimal.valueOf(number.longValue());
    }

    private static String date(String format, TemporalAccessor t) {
        Locale locale = Locale.getDefault();
        DateTimeFormatter f =
                switch (format) {
                    case "d" -> DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT);
                    case "D" -> DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL);
                    case "t" -> DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT);
                    case "T" -> DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM);
                    case "f" -> DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT);
                    case "F" -> DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.MEDIUM);
                    case "g" -> DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.SHORT);
                    case "G" -> DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM);
                    case "s" -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
                    case "o", "O" -> DateTimeFormatter.ISO_DATE_TIME;
                    default -> DateTimeFormatter.ofPattern(javaPattern(format), locale);
                };
        return f.withLocale(locale).format(t);
    }

    /** A .NET custom date and time format in {@link DateTimeFormatter}'s letters. */
    static String javaPattern(String net) {
        StringBuilder out = new StringBuilder();
        int n = net.length();
        for (int i = 0; i < n; ) {
            char c = net.charAt(i);
            int run = 1;
            while (i + run < n && net.charAt(i + run) == c) {
                run++;
            }
            switch (c) {
                case 'd' -> out.append(run >= 4 ? "EEEE" : run == 3 ? "EEE" : "d".repeat(run));
                case 'f', 'F' -> out.append("S".repeat(run));
                case 't' -> out.append("a");
                case 'z' -> out.append(run >= 3 ? "xxx" : "x");
                case 'y' -> out.append(run == 1 ? "y" : run == 2 ? "yy" : "y".repeat(run));
                case 'M', 'H', 'h', 'm', 's' -> out.append(String.valueOf(c).repeat(run));
                case '\'', '"' -> {
                    int close = net.indexOf(c, i + 1);
                    String literal = close < 0 ? net.substring(i + 1) : net.substring(i + 1, close);
                    out.append('\'').append(literal.replace("'", "''")).append('\'');
                    i = close < 0 ? n : close + 1;
                    continue;
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        out.append('\'').append(net.charAt(i + 1)).append('\'');
                    }
                    i += 2;
                    continue;
                }
                default -> {
                    if (Character.isLetter(c)) {
                        out.append('\'').append(String.valueOf(c).repeat(run)).append('\'');
                    } else {
                        out.append(String.valueOf(c).repeat(run));
                    }
                }
            }
            i += run;
        }
        return out.toString();
    }
}
