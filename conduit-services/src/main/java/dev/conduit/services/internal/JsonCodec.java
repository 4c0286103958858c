package dev.conduit.services.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Values of {@link XmlType}s as JSON, as ASP.NET's JavaScriptSerializer writes them for script services: the same types
 * as the XML (so a service has one type mapping), objects with {@code "__type"} first (the Java class's name), enums
 * as their ordinals, dates as {@code "\/Date(ms)\/"} (milliseconds since 1970 UTC: an {@code Instant}, an {@code
 * OffsetDateTime} at its instant, a {@code LocalDateTime} and a {@code LocalDate} (its midnight) taken as UTC), {@code
 * byte[]} as an array of numbers, a {@code Duration} as its ISO-8601 text. Jackson reads and writes the tokens; the
 * tree it reads is bounded by the request's length and a nesting limit.
 */
final class JsonCodec {
    /** The deepest nesting read. */
    static final int MAX_DEPTH = 64;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            // a decimal keeps its digits (a double would round it); a huge exponent is refused by the type's bounds
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Pattern DATE = Pattern.compile("^/Date\\((-?\\d+)(?:[+-]\\d{4})?\\)/$");

    /** JSON that is not a value of the type expected. */
    static final class BadJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        BadJsonException(String message) {
            super(message);
        }
    }

    private JsonCodec() {}

    /** Reads a value of {@code type} from {@code node} (null, or a missing node, is the type's default). */
    static @Nullable Object read(@Nullable JsonNode node, XmlType type, String what) throws BadJsonException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return type.valueType() ? type.defaultValue() : null;
        }
        switch (type) {
            case XmlType.Simple s -> {
                return simple(node, s, what);
            }
            case XmlType.EnumType e -> {
                Object[] constants = e.javaType().getEnumConstants();
                if (node.canConvertToInt() && node.isIntegralNumber()) {
                    int i = node.intValue();
                    if (i >= 0 && i < constants.length) {
                        return constants[i];
                    }
                } else if (node.isTextual()) {
                    for (Object c : constants) {
                        if (((Enum<?>) c).name().equals(node.textValue().trim())) {
                            return c;
                        }
                    }
                }
                throw new BadJsonException(node + " is not a valid value for " + e.schemaName() + " (" + what + ").");
            }
            case XmlType.ArrayType a -> {
                if (!node.isArray()) {
                    throw new BadJsonException("Cannot convert " + clip(node) + " to an array (" + what + ").");
                }
                List<Object> items = new ArrayList<>(node.size());
                for (JsonNode item : node) {
                    items.add(read(item, a.item(), what));
                }
                return a.of(items);
            }
            case XmlType.Complex c -> {
                if (!node.isObject()) {
                    throw new BadJsonException(
                            "Cannot convert " + clip(node) + " to " + c.schemaName() + " (" + what + ").");
                }
                List<XmlType.Property> properties = c.properties();
                Object[] values = new Object[properties.size()];
                boolean[] given = new boolean[properties.size()];
                for (int i = 0; i < values.length; i++) {
                    XmlType.Property p = properties.get(i);
                    given[i] = node.has(p.name());
                    values[i] = read(node.get(p.name()), p.type(), what + "." + p.name());
                }
                try {
                    return c.make(values, given);
                } catch (ReflectiveOperationException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new BadJsonException(c.schemaName() + " could not be made (" + what + "): " + cause);
                }
            }
        }
    }

    private static Object simple(JsonNode node, XmlType.Simple s, String what) throws BadJsonException {
        Class<?> t = s.javaType();
        try {
            if (t == String.class) {
                if (node.isValueNode()) {
                    return node.asText();
                }
            } else if (t == boolean.class || t == Boolean.class) {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
            } else if (t == byte[].class) {
                if (node.isArray()) {
                    byte[] bytes = new byte[node.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        int v = node.get(i).intValue();
                        if (!node.get(i).isIntegralNumber() || v < 0 || v > 255) {
                            throw new BadJsonException("byte " + node.get(i) + " is not 0 to 255 (" + what + ").");
                        }
                        bytes[i] = (byte) v;
                    }
                    return bytes;
                }
            } else if (t == Instant.class
                    || t == OffsetDateTime.class
                    || t == LocalDateTime.class
                    || t == LocalDate.class) {
                if (node.isTextual()) {
                    Matcher m = DATE.matcher(node.textValue());
                    if (m.matches()) {
                        Instant instant = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
                        return t == Instant.class
                                ? instant
                                : t == OffsetDateTime.class
                                        ? instant.atOffset(ZoneOffset.UTC)
                                        : t == LocalDateTime.class
                                                ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
                                                : LocalDate.ofInstant(instant, ZoneOffset.UTC);
                    }
                    return s.parse().apply(node.textValue()); // ISO-8601 text is taken too
                }
            } else if (t == char.class || t == Character.class) {
                if (node.isTextual() && node.textValue().length() == 1) {
                    return node.textValue().charAt(0);
                }
            } else if (t == BigDecimal.class && node.isNumber()) {
                return XmlTypes.checkDecimal(node.decimalValue());
            } else if (node.isNumber() || node.isTextual()) {
                // numbers, and the types written as text (UUID, Duration); a number may come as a string, as
                // JavaScriptSerializer converts it. A decimal node's text: its scientific form, never a plain one
                // with a million zeros
                String text = node.isBigDecimal() ? node.decimalValue().toString() : node.asText();
                return s.parse().apply(text);
            }
        } catch (RuntimeException e) {
            // falls through to the message below
        }
        throw new BadJsonException("Cannot convert " + clip(node) + " to " + s.schemaName() + " (" + what + ").");
    }

    private static String clip(JsonNode node) {
        String s = node.toString();
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    /** Writes {@code value} of {@code type}. */
    static void write(JsonGenerator g, XmlType type, @Nullable Object value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (type) {
            case XmlType.Simple s -> simple(g, s, value);
            case XmlType.EnumType e -> g.writeNumber(((Enum<?>) value).ordinal());
            case XmlType.ArrayType a -> {
                g.writeStartArray();
                if (value instanceof List<?> list) {
                    for (Object item : list) {
                        write(g, a.item(), item);
                    }
                } else {
                    int n = Array.getLength(value);
                    for (int i = 0; i < n; i++) {
                        write(g, a.item(), Array.get(value, i));
                    }
                }
                g.writeEndArray();
            }
            case XmlType.Complex c -> {
                g.writeStartObject();
                g.writeStringField("__type", c.javaType().getName());
                for (XmlType.Property p : c.properties()) {
                    Object v;
                    try {
                        v = p.getter().invoke(value);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(
                                "reading " + c.schemaName() + "." + p.name() + " failed", e.getCause());
                    }
                    g.writeFieldName(p.name());
                    write(g, p.type(), v);
                }
                g.writeEndObject();
            }
        }
    }

    private static void simple(JsonGenerator g, XmlType.Simple s, Object value) throws IOException {
        switch (value) {
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Short sh -> g.writeNumber(sh);
            case Byte b -> g.writeNumber(b);
            case Double d
            when d.isNaN() || d.isInfinite() -> g.writeString(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            case Double d -> g.writeNumber(d);
            case Float f
            when f.isNaN() || f.isInfinite() -> g.writeString(f.isNaN() ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
            case Float f -> g.writeNumber(f);
            case BigDecimal d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            case Character c -> g.writeString(String.valueOf(c));
            case byte[] bytes -> {
                g.writeStartArray();
                for (byte b : bytes) {
                    g.writeNumber(b & 0xFF);
                }
                g.writeEndArray();
            }
            case Instant i -> date(g, i.toEpochMilli());
            case OffsetDateTime o -> date(g, o.toInstant().toEpochMilli());
            case LocalDateTime l -> date(g, l.toInstant(ZoneOffset.UTC).toEpochMilli());
            case LocalDate d ->
                date(g, d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            case Duration d -> g.writeString(d.toString());
            case UUID u -> g.writeString(u.toString());
            default -> g.writeString(s.format().apply(value));
        }
    }

    /** {@code "\/Date(ms)\/"}: the escaped slashes are what tells a date from a string that looks like one. */
    private static void date(JsonGenerator g, long millis) throws IOException {
        g.writeRawValue("\"\\/Date(" + millis + ")\\/\"");
    }
}
