package dev.conduit.web.ui;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What compiled pages call at run time: markup values converted to a property's type, properties of user controls set
 * by name (their classes are compiled with the page, so the compiler cannot look at them first), and the {@code
 * Container} of a template. Site code has no reason to call it.
 */
public final class ParsedValues {
    private static final ClassValue<Map<String, Object>> SETTERS = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Object NONE = new Object();

    private ParsedValues() {}

    /** {@code value} as text: null as an empty string, anything else through {@code toString()}. */
    public static String toText(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    /**
     * What a data-bound literal keeps of {@code value} from binding to rendering: the value itself when it cannot change
     * in between (a string, a boxed number, an {@link HtmlString}), otherwise its text now, as System.Web keeps the
     * text.
     */
    public static @Nullable Object bound(@Nullable Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof HtmlString
                || value instanceof Boolean
                || value instanceof Float
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Character
                || value instanceof java.math.BigDecimal
                || value instanceof java.math.BigInteger) {
            return value;
        }
        return value.toString();
    }

    /** Writes a value {@link #bound} kept as {@code <%# %>} shows it: nothing for null, anything else as its text. */
    public static void writeText(HtmlTextWriter writer, @Nullable Object value) {
        if (value instanceof String s) {
            writer.write(s);
        } else if (value instanceof Integer i) {
            writer.writeLong(i);
        } else if (value instanceof Long l) {
            writer.writeLong(l);
        } else if (value != null) {
            writer.write(value.toString());
        }
    }

    /** Writes a value {@link #bound} kept HTML-encoded, as {@code <%#: %>} shows it (an {@link HtmlString} as it is). */
    public static void writeEncoded(HtmlTextWriter writer, @Nullable Object value) {
        if (value instanceof HtmlString h) {
            writer.write(h.html());
        } else if (value != null) {
            writer.writeEncodedText(value.toString());
        }
    }

    /**
     * The nearest of {@code control} and its ancestors that is a {@code type}: {@code Container} in a template.
     *
     * @throws IllegalStateException when there is none
     */
    public static <T> T container(Control control, Class<T> type) {
        for (Control c = control; c != null; c = c.getParent()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new IllegalStateException(control + " is not inside a " + type.getSimpleName());
    }

    /**
     * Sets the property {@code name} of {@code target} (a JavaBean setter or a public field, the name's case ignored)
     * to {@code value}, converted to its type; a user control without such a property keeps it as an attribute.
     *
     * @throws IllegalArgumentException naming the property when there is none, or the value does not convert
     */
    public static void setProperty(Object target, String name, @Nullable Object value) throws Exception {
        Object setter = SETTERS.get(target.getClass())
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> find(target.getClass(), k));
        if (setter instanceof Method m) {
            try {
                m.invoke(target, convert(value, m.getParameterTypes()[0], name));
            } catch (InvocationTargetException e) {
                throw Control.<Exception>sneaky(e.getCause());
            }
        } else if (setter instanceof Field f) {
            f.set(target, convert(value, f.getType(), name));
        } else if (target instanceof UserControl u) {
            u.getAttributes().put(name, toText(value));
        } else {
            throw new IllegalArgumentException(
                    "'" + target.getClass().getName() + "' has no public property named '" + name + "'");
        }
    }

    private static Object find(Class<?> type, String lowerName) {
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 1
                    && !Modifier.isStatic(m.getModifiers())
                    && m.getName().toLowerCase(Locale.ROOT).equals("set" + lowerName)) {
                m.setAccessible(true);
                return m;
            }
        }
        for (Field f : type.getFields()) {
            if (f.getName().equalsIgnoreCase(lowerName)
                    && !Modifier.isStatic(f.getModifiers())
                    && !Modifier.isFinal(f.getModifiers())) {
                return f;
            }
        }
        return NONE;
    }

    /**
     * {@code value} as a {@code type}: an instance as it is, text converted (numbers, booleans, enums by their ASP.NET
     * names, {@link Unit}, {@link Color}), anything else through its text.
     *
     * @throws IllegalArgumentException when it does not convert
     */
    public static @Nullable Object convert(@Nullable Object value, Class<?> type, String property) {
        if (value == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("null is not a valid value for the property '" + property + "'");
            }
            return null;
        }
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) {
            return value;
        }
        String text = value.toString().trim();
        try {
            if (boxed == String.class || boxed == Object.class) {
                return value.toString();
            }
            if (boxed == Integer.class) {
                return Integer.valueOf(text);
            }
            if (boxed == Long.class) {
                return Long.valueOf(text);
            }
            if (boxed == Double.class) {
                return Double.valueOf(text);
            }
            if (boxed == Float.class) {
                return Float.valueOf(text);
            }
            if (boxed == Short.class) {
                return Short.valueOf(text);
            }
            if (boxed == Boolean.class) {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(text);
                }
                throw new IllegalArgumentException("not true or false");
            }
            Method parse = parseMethod(boxed);
            if (parse != null) {
                return parse.invoke(null, text); // Unit.parse("10px"), Color.parse("Red"), a site's own type
            }
            if (boxed.isEnum()) {
                Object constant = enumConstant(boxed, text);
                if (constant != null) {
                    return constant;
                }
            }
        } catch (RuntimeException | ReflectiveOperationException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a valid value for the property '" + property + "' (a " + type.getSimpleName()
                            + ")",
                    e);
        }
        throw new IllegalArgumentException("'" + text + "' is not a valid value for the property '" + property + "' (a "
                + type.getSimpleName() + ")");
    }

    /** A type's {@code public static T parse(String)}, how markup text becomes a value of it; or null. */
    public static @Nullable Method parseMethod(Class<?> type) {
        try {
            Method m = type.getMethod("parse", String.class);
            return Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The constant of {@code enumType} named {@code name} the ASP.NET way ({@code AutoID} is {@code AUTO_ID}). */
    public static @Nullable Object enumConstant(Class<?> enumType, String name) {
        String wanted = normalize(name);
        for (Object c : enumType.getEnumConstants()) {
            if (normalize(((Enum<?>) c).name()).equals(wanted)) {
                return c;
            }
        }
        return null;
    }

    private static String normalize(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return switch (t.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            default -> Byte.class;
        };
    }
}
