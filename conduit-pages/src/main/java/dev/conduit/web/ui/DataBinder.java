package dev.conduit.web.ui;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a value out of a data item by name, as {@code System.Web.UI.DataBinder}: {@code Eval("Name")} in a template
 * is {@code DataBinder.eval(Container.getDataItem(), "Name")}.
 *
 * <p><b>Expressions.</b> Names separated by dots ({@code "Customer.Name"}), each optionally indexed ({@code
 * "Lines[0]"}, {@code "Totals[EUR]"}). A name is looked up, in this order: a {@link Map} key (exactly, then ignoring
 * case); a getter {@code getName()} or {@code isName()}; a method {@code name()} (a record's component); a public
 * field; the first letter's case is not significant, so {@code Eval("Name")} finds {@code name()} of a record. An index
 * reads a {@link List} or array element or a {@link Map} value. A null anywhere gives null.
 *
 * <p><b>Formats.</b> {@code eval(item, expr, "{0:F2}")} formats the value with a .NET composite format string
 * ({@link NetFormat}); a null value gives an empty string.
 *
 * <p>Accessors are found by reflection once per class and name and kept for as long as the class lives.
 */
public final class DataBinder {
    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return new Accessors();
        }
    };

    /**
     * The accessors of one class by property name: a small array searched by identity first (the names markup passes
     * are string constants, the same object on every call), then by equality; copied on write. A page binds hundreds of
     * values per request through a handful of names.
     */
    private static final class Accessors {
        private volatile String[] names = new String[0];
        private volatile Accessor[] accessors = new Accessor[0];

        Accessor get(Class<?> type, String name) {
            String[] n = names;
            Accessor[] a = accessors;
            for (int i = 0; i < n.length && i < a.length; i++) {
                if (n[i] == name) {
                    return a[i];
                }
            }
            for (int i = 0; i < n.length && i < a.length; i++) {
                if (n[i].equals(name)) {
                    return a[i];
                }
            }
            Accessor found = Accessor.find(type, name);
            synchronized (this) {
                if (names.length < 64) {
                    String[] nn = java.util.Arrays.copyOf(names, names.length + 1);
                    Accessor[] aa = java.util.Arrays.copyOf(accessors, accessors.length + 1);
                    nn[nn.length - 1] = name;
                    aa[aa.length - 1] = found;
                    accessors = aa;
                    names = nn;
                }
            }
            return found;
        }
    }

    private DataBinder() {}

    /**
     * The value of {@code expression} in {@code container}.
     *
     * @throws IllegalArgumentException naming the class and the property when a name is not found
     */
    public static @Nullable Object eval(@Nullable Object container, String expression) {
        if (container != null && isSimpleName(expression)) {
            return property(container, expression); // Eval("Name"): no parsing, no substrings
        }
        Object current = container;
        int start = 0;
        int n = expression.length();
        while (current != null && start < n) {
            int dot = nextDot(expression, start);
            String part = expression.substring(start, dot).trim();
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket).trim();
            if (!name.isEmpty()) {
                current = property(current, name);
            }
            while (current != null && bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + expression + "' has an unclosed '['");
                }
                current = index(current, part.substring(bracket + 1, close).trim());
                bracket = part.indexOf('[', close);
            }
            start = dot + 1;
        }
        return current;
    }

    /** The value of {@code expression} in {@code container}, formatted with {@code format} ({@code "{0:C}"}). */
    public static String eval(@Nullable Object container, String expression, @Nullable String format) {
        Object value = eval(container, expression);
        if (value == null) {
            return "";
        }
        return format == null || format.isEmpty() ? value.toString() : NetFormat.format(format, value);
    }

    private static int nextDot(String expression, int from) {
        int depth = 0;
        for (int i = from; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '.' && depth == 0) {
                return i;
            }
        }
        return expression.length();
    }

    private static @Nullable Object index(Object target, String key) {
        if (key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'"))) {
            key = key.substring(1, key.length() - 1);
        }
        if (target instanceof Map<?, ?> map) {
            return mapGet(map, key);
        }
        int i;
        try {
            i = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "the index '" + key + "' of a " + target.getClass().getName() + " is not a number");
        }
        if (target instanceof List<?> list) {
            return list.get(i);
        }
        if (target.getClass().isArray()) {
            return java.lang.reflect.Array.get(target, i);
        }
        throw new IllegalArgumentException(target.getClass().getName() + " cannot be indexed");
    }

    static @Nullable Object mapGet(Map<?, ?> map, String key) {
        if (map.containsKey(key)) {
            return map.get(key);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() instanceof String k && k.equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    static boolean isSimpleName(String expression) {
        for (int i = 0, n = expression.length(); i < n; i++) {
            char c = expression.charAt(i);
            if (c == '.' || c == '[' || c == ' ') {
                return false;
            }
        }
        return !expression.isEmpty();
    }

    private static @Nullable Object property(Object target, String name) {
        if (target instanceof Map<?, ?> map) {
            return mapGet(map, name);
        }
        return ACCESSORS.get(target.getClass()).get(target.getClass(), name).read(target);
    }

    /**
     * The accessor of property {@code name} of {@code type} (not a map), found once per class and name: what a compiled
     * {@code Eval("Name")} ({@link EvalSite}) keeps for the class it last saw.
     *
     * @throws IllegalArgumentException naming the class and the property when there is none
     */
    static Accessor accessor(Class<?> type, String name) {
        return ACCESSORS.get(type).get(type, name);
    }

    /**
     * How one property of one class is read: a getter through a method handle typed {@code (Object)Object} (no
     * access check per call, where {@link Method#invoke} checks and wraps: a page binds hundreds of values per
     * request), reflection where the class does not allow one, or a public field.
     */
    static final class Accessor {
        private final @Nullable MethodHandle handle;
        private final @Nullable Method method;
        private final @Nullable Field field;

        private Accessor(@Nullable Method method, @Nullable Field field) {
            this.method = method;
            this.field = field;
            this.handle = method == null ? null : handle(method);
        }

        /** The getter, or null for a field. */
        @Nullable
        Method method() {
            return method;
        }

        /**
         * The getter as a method handle typed {@code (Object)Object}: no access check per call, where {@link
         * Method#invoke} checks and wraps. Null when the class does not allow it: reflection then.
         */
        private static @Nullable MethodHandle handle(Method m) {
            try {
                return MethodHandles.publicLookup()
                        .unreflect(m)
                        .asType(MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException | RuntimeException e) {
                return null;
            }
        }

        static Accessor find(Class<?> type, String name) {
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            String low = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            for (String candidate : new String[] {"get" + cap, "is" + cap, low, name}) {
                Method m = publicMethod(type, candidate);
                boolean isBoolean =
                        m != null && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class);
                if (m != null && (!candidate.equals("is" + cap) || isBoolean)) {
                    return new Accessor(m, null);
                }
            }
            for (Field f : type.getFields()) {
                if (f.getName().equalsIgnoreCase(name) && !Modifier.isStatic(f.getModifiers())) {
                    return new Accessor(null, f);
                }
            }
            throw new IllegalArgumentException(
                    "DataBinder: '" + type.getName() + "' has no property named '" + name + "' (no getter get" + cap
                            + "() or is" + cap + "(), method " + low + "(), public field or map key)");
        }

        private static @Nullable Method publicMethod(Class<?> type, String name) {
            try {
                Method m = type.getMethod(name);
                if (m.getReturnType() == void.class || Modifier.isStatic(m.getModifiers())) {
                    return null;
                }
                try {
                    m.setAccessible(true); // no access check per call (a public record nested in a page, say)
                } catch (RuntimeException e) {
                    // a module that does not open the class: Method.invoke checks access each time
                }
                return m;
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }

        @Nullable
        Object read(Object target) {
            if (handle != null) {
                try {
                    return (Object) handle.invokeExact(target);
                } catch (Throwable e) {
                    throw Control.<RuntimeException>sneaky(e);
                }
            }
            try {
                if (method != null) {
                    return method.invoke(target);
                }
                return field == null ? null : field.get(target);
            } catch (InvocationTargetException e) {
                throw Control.<RuntimeException>sneaky(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + (method != null ? method : field), e);
            }
        }
    }
}
