package dev.conduit.services.internal;

import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The XML types of one service: every type its operations take and return, made once when the service is described
 * and named uniquely in its namespace. The mapping is XmlSerializer's where Java has the type:
 *
 * <ul>
 *   <li>{@code int}, {@code long}, {@code short}, {@code byte}, {@code boolean}, {@code double}, {@code float}: XML
 *       Schema's types of those names, value types ({@code minOccurs="1"}); their boxes the same types, nillable;
 *   <li>{@code BigDecimal}: {@code decimal}; {@code String}: {@code string}; {@code char}: the service's {@code char}
 *       (its code, an {@code unsignedShort}, as .NET writes it); {@code UUID}: {@code guid}; both in .NET's own
 *       schema namespace, {@code http://microsoft.com/wsdl/types/}, so .NET clients map them to char and Guid;
 *   <li>{@code OffsetDateTime}, {@code Instant} (in UTC) and {@code LocalDateTime} (no offset): {@code dateTime};
 *       {@code LocalDate}: {@code date}; {@code Duration}: {@code duration}; {@code byte[]}: {@code base64Binary};
 *   <li>an enum: a string restricted to its constants' names; an array or {@code List<X>}: {@code ArrayOfX};
 *   <li>a record: a complex type of its components in order; a bean (a public class with a public no-argument
 *       constructor, getters and setters): of its read-write properties in alphabetical order.
 * </ul>
 *
 * Anything else (a Map, as XmlSerializer refuses IDictionary; an interface; Object) is refused with a message naming
 * the type and where it is used.
 */
final class XmlTypes {
    /** A type that cannot be mapped. */
    static final class UnsupportedTypeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedTypeException(String message) {
            super(message);
        }
    }

    private static final Map<Class<?>, XmlType> SIMPLE = simpleTypes();

    private final Map<Type, XmlType> types = new LinkedHashMap<>();
    /** The service's own named types (complex types, enums, arrays, char, guid), by name: one class per name. */
    private final Map<String, XmlType> named = new TreeMap<>();

    /** The type of {@code type} (a parameter's, a return value's), made with the types it needs. */
    XmlType of(Type type, String usedIn) {
        XmlType known = types.get(type);
        if (known != null) {
            return known;
        }
        XmlType made = make(type, usedIn);
        types.put(type, made);
        if (!made.builtIn()) {
            XmlType other = named.putIfAbsent(made.schemaName(), made);
            if (other != null && !other.javaType().equals(made.javaType()) && !sameXml(other, made)) {
                throw new UnsupportedTypeException("two types are named '" + made.schemaName() + "' in the service's"
                        + " XML: " + other.javaType().getName() + " and "
                        + made.javaType().getName()
                        + " (XML types are named after the simple class name)");
            }
        }
        return made;
    }

    /**
     * Whether two types of one name are written alike, so one schema type serves both: {@code char} and {@code
     * Character}, {@code String[]} and {@code List<String>}. Enums and complex types are one Java class each.
     */
    private static boolean sameXml(XmlType a, XmlType b) {
        return switch (a) {
            case XmlType.Simple s ->
                b instanceof XmlType.Simple t && s.schemaName().equals(t.schemaName());
            case XmlType.ArrayType x ->
                b instanceof XmlType.ArrayType y
                        && x.item().schemaName().equals(y.item().schemaName())
                        && sameXml(x.item(), y.item());
            default -> a.javaType().equals(b.javaType());
        };
    }

    /** The service's own types, by name: what the WSDL's schema defines. */
    Map<String, XmlType> named() {
        return named;
    }

    private XmlType make(Type type, String usedIn) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (raw == List.class) {
                return new XmlType.ArrayType(raw, of(p.getActualTypeArguments()[0], usedIn), true);
            }
            return refuse(raw, usedIn);
        }
        if (type instanceof GenericArrayType g) {
            throw new UnsupportedTypeException(
                    usedIn + ": an array of " + g.getGenericComponentType() + " cannot be written as XML");
        }
        if (!(type instanceof Class<?> c)) {
            throw new UnsupportedTypeException(usedIn + ": the type " + type + " cannot be written as XML");
        }
        XmlType simple = SIMPLE.get(c);
        if (simple != null) {
            return simple;
        }
        if (c.isArray()) {
            return new XmlType.ArrayType(c, of(c.getComponentType(), usedIn), false);
        }
        if (c.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : c.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return new XmlType.EnumType(c, c.getSimpleName(), names);
        }
        if (c.isRecord()) {
            XmlType.Complex complex = new XmlType.Complex(c, c.getSimpleName());
            types.put(c, complex); // before its components: a record may contain itself
            List<XmlType.Property> properties = new ArrayList<>();
            RecordComponent[] components = c.getRecordComponents();
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent rc = components[i];
                parameterTypes[i] = rc.getType();
                Method getter = rc.getAccessor();
                getter.setAccessible(true);
                properties.add(new XmlType.Property(
                        rc.getName(), of(rc.getGenericType(), c.getName() + "." + rc.getName()), getter, null));
            }
            try {
                Constructor<?> canonical = c.getDeclaredConstructor(parameterTypes);
                canonical.setAccessible(true);
                complex.define(properties, canonical);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record without its canonical constructor: " + c.getName(), e);
            }
            return complex;
        }
        if (Map.class.isAssignableFrom(c)) {
            return refuse(c, usedIn);
        }
        if (c.isInterface()
                || Modifier.isAbstract(c.getModifiers())
                || c.isPrimitive()
                || c == Object.class
                || Collection.class.isAssignableFrom(c)) {
            return refuse(c, usedIn);
        }
        return bean(c, usedIn);
    }

    private XmlType bean(Class<?> c, String usedIn) {
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new UnsupportedTypeException(usedIn + ": " + c.getName() + " cannot be written as XML: it is"
                    + " neither a record nor a bean with a public constructor without parameters");
        }
        if (!Modifier.isPublic(c.getModifiers())) {
            throw new UnsupportedTypeException(usedIn + ": " + c.getName() + " must be public to be written as XML");
        }
        XmlType.Complex complex = new XmlType.Complex(c, c.getSimpleName());
        types.put(c, complex);
        Map<String, XmlType.Property> properties = new TreeMap<>();
        try {
            for (var d : Introspector.getBeanInfo(c, Object.class).getPropertyDescriptors()) {
                Method getter = d.getReadMethod();
                Method setter = d.getWriteMethod();
                if (getter == null || setter == null) {
                    continue; // read-only or write-only: not serialized, as XmlSerializer
                }
                properties.put(
                        d.getName(),
                        new XmlType.Property(
                                d.getName(),
                                of(getter.getGenericReturnType(), c.getName() + "." + d.getName()),
                                getter,
                                setter));
            }
        } catch (java.beans.IntrospectionException e) {
            throw new UnsupportedTypeException(usedIn + ": " + c.getName() + ": " + e.getMessage());
        }
        complex.define(new ArrayList<>(properties.values()), null);
        return complex;
    }

    private static XmlType refuse(Class<?> c, String usedIn) {
        String why = Map.class.isAssignableFrom(c)
                ? "it is a Map (as XmlSerializer refuses IDictionary): use a List of records"
                : Collection.class.isAssignableFrom(c)
                        ? "only arrays and List are written as XML"
                        : "it is " + (c == Object.class ? "Object" : c.isInterface() ? "an interface" : "abstract")
                                + ": declare a concrete type";
        throw new UnsupportedTypeException(usedIn + ": " + c.getName() + " cannot be written as XML: " + why);
    }

    // ---- the simple types ------------------------------------------------------------------------------------------

    private static Map<Class<?>, XmlType> simpleTypes() {
        Map<Class<?>, XmlType> m = new LinkedHashMap<>();
        number(m, int.class, Integer.class, "int", 0, s -> Integer.parseInt(integer(s)));
        number(m, long.class, Long.class, "long", 0L, s -> Long.parseLong(integer(s)));
        number(m, short.class, Short.class, "short", (short) 0, s -> Short.parseShort(integer(s)));
        number(m, byte.class, Byte.class, "byte", (byte) 0, s -> Byte.parseByte(integer(s)));
        number(m, double.class, Double.class, "double", 0.0, XmlTypes::parseDouble);
        number(m, float.class, Float.class, "float", 0f, s -> (float) parseDouble(s));
        number(m, boolean.class, Boolean.class, "boolean", false, XmlTypes::parseBoolean);
        m.put(BigDecimal.class, simple(BigDecimal.class, "decimal", XmlTypes::parseDecimal, v -> ((BigDecimal) v)
                .toPlainString()));
        m.put(String.class, simple(String.class, "string", s -> s, Object::toString));
        m.put(
                byte[].class,
                simple(
                        byte[].class,
                        "base64Binary",
                        s -> Base64.getDecoder().decode(s.replaceAll("[ \\t\\r\\n]", "")),
                        v -> Base64.getEncoder().encodeToString((byte[]) v)));
        m.put(
                OffsetDateTime.class,
                simple(OffsetDateTime.class, "dateTime", XmlTypes::parseDateTime, v -> ((OffsetDateTime) v)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        m.put(
                Instant.class,
                simple(Instant.class, "dateTime", s -> parseDateTime(s).toInstant(), Object::toString));
        m.put(
                LocalDateTime.class,
                simple(LocalDateTime.class, "dateTime", XmlTypes::parseLocalDateTime, v -> ((LocalDateTime) v)
                        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)));
        m.put(LocalDate.class, simple(LocalDate.class, "date", s -> LocalDate.parse(s.trim()), Object::toString));
        m.put(
                Duration.class,
                simple(Duration.class, "duration", s -> Duration.parse(s.trim()), XmlTypes::formatDuration));
        XmlType guid = new XmlType.Simple(
                UUID.class, "guid", false, false, null, false, s -> UUID.fromString(s.trim()), Object::toString);
        m.put(UUID.class, guid);
        Function<String, Object> parseChar = s -> {
            int code = Integer.parseInt(integer(s));
            if (code < 0 || code > 0xFFFF) {
                throw new IllegalArgumentException("not a char: " + code);
            }
            return (char) code;
        };
        Function<Object, String> formatChar = v -> Integer.toString((Character) v);
        m.put(char.class, new XmlType.Simple(char.class, "char", false, true, '\0', false, parseChar, formatChar));
        m.put(
                Character.class,
                new XmlType.Simple(Character.class, "char", false, false, null, true, parseChar, formatChar));
        return Map.copyOf(m);
    }

    private static void number(
            Map<Class<?>, XmlType> m,
            Class<?> primitive,
            Class<?> box,
            String name,
            Object zero,
            Function<String, Object> parse) {
        Function<Object, String> format =
                name.equals("double") || name.equals("float") ? XmlTypes::formatDouble : Object::toString;
        m.put(primitive, new XmlType.Simple(primitive, name, true, true, zero, false, parse, format));
        m.put(box, new XmlType.Simple(box, name, true, false, null, true, parse, format));
    }

    private static XmlType simple(
            Class<?> type, String name, Function<String, Object> parse, Function<Object, String> format) {
        return new XmlType.Simple(type, name, true, false, null, false, parse, format);
    }

    /** XML Schema's lexical integer: ASCII digits with an optional sign (Java's parsers take other scripts' digits). */
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("[+-]?[0-9]{1,40}");
    /** XML Schema's lexical decimal and double forms, ASCII only (not Java's {@code 0x1p3}, {@code 1d}). */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

    private static final java.util.regex.Pattern DOUBLE =
            java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,4})?");

    /** The trimmed text of an integer, or a NumberFormatException. */
    private static String integer(String s) {
        String t = s.trim();
        if (!INTEGER.matcher(t).matches()) {
            throw new NumberFormatException("not an integer: '" + t + "'");
        }
        return t;
    }

    /**
     * An {@code xs:decimal} within .NET's {@code decimal}: at most 29 digits before the point and 28 after (so a
     * hostile value costs nothing to read or to write back: no exponent, no million digits).
     */
    static BigDecimal parseDecimal(String s) {
        String t = s.trim();
        if (t.length() > 64 || !DECIMAL.matcher(t).matches()) {
            throw new NumberFormatException("not a decimal: '" + t + "'");
        }
        return checkDecimal(new BigDecimal(t));
    }

    /** {@code d} when it is within .NET's {@code decimal}'s range and scale, else a NumberFormatException. */
    static BigDecimal checkDecimal(BigDecimal d) {
        if (d.scale() > 28 || d.precision() - d.scale() > 29) {
            throw new NumberFormatException("outside the range of decimal: " + d.toString());
        }
        return d;
    }

    private static double parseDouble(String s) {
        String t = s.trim();
        return switch (t) {
            case "INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (t.length() > 64 || !DOUBLE.matcher(t).matches()) {
                    throw new NumberFormatException("not a number: '" + t + "'");
                }
                yield Double.parseDouble(t);
            }
        };
    }

    /** An {@code xs:duration}: ISO-8601 with the sign in front ({@code -PT1H30M}), as XML Schema writes it. */
    private static String formatDuration(Object v) {
        Duration d = (Duration) v;
        return d.isNegative() ? "-" + d.negated() : d.toString();
    }

    /** A {@code dateTime} as a local date and time: a value with an offset (or Z) is converted to UTC first. */
    private static LocalDateTime parseLocalDateTime(String s) {
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(s.trim());
        LocalDateTime local = LocalDateTime.from(t);
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)))
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
        }
        return local;
    }

    private static String formatDouble(Object v) {
        double d = ((Number) v).doubleValue();
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (v instanceof Float f) {
            return f == Math.rint(f) && Math.abs(f) < 1e7 ? Long.toString(f.longValue()) : f.toString();
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static Object parseBoolean(String s) {
        return switch (s.trim()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean: '" + s.trim() + "'");
        };
    }

    /** An {@code xs:dateTime}: with an offset or {@code Z}, or without (taken as UTC, as .NET's Unspecified kind). */
    private static OffsetDateTime parseDateTime(String s) {
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(s.trim());
        LocalDateTime local = LocalDateTime.from(t);
        ZoneOffset offset = t.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))
                : ZoneOffset.UTC;
        return OffsetDateTime.of(local, offset);
    }

    /** The capitalized form of an element name ({@code ArrayOf} + it). */
    static String capitalize(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
