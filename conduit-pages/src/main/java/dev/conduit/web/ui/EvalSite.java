package dev.conduit.web.ui;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Eval("Name")} or {@code Eval("Name", "{0:F2}")} of a page's markup, compiled: a data-binding expression
 * that is exactly such a call ({@code <%# Eval("Price", "{0:F2}") %>}) is generated as a call to a site held by the
 * page class, so the expression is parsed, the format read and the property's accessor found once, not per row. The
 * result is what the call would give: the same lookup ({@link DataBinder}), the same text, the same encoding.
 *
 * <p>The accessor is kept for the last class seen (a data source's items are nearly always of one class); another
 * class looks its accessor up again. Safe to share between requests: the cache is one immutable pair.
 */
public final class EvalSite {
    private final MethodHandles.Lookup lookup;
    private final String expression;
    private final @Nullable String format;
    private final boolean simple;
    /** The precision of a {@code {0:Fn}} format, written without an intermediate string; -1 for any other. */
    private final int fixed;

    private @Nullable Cached cached;

    private record Cached(Class<?> type, DataBinder.Accessor accessor, @Nullable Function<Object, Object> getter) {}

    private EvalSite(MethodHandles.Lookup lookup, String expression, @Nullable String format) {
        this.lookup = lookup;
        this.expression = expression;
        this.format = format == null || format.isEmpty() ? null : format;
        this.simple = DataBinder.isSimpleName(expression);
        this.fixed = this.format == null ? -1 : NetFormat.fixedPrecision(this.format);
    }

    /**
     * {@code Eval(expression)} in the class of {@code lookup} (the compiled page's own: a getter is called through a
     * class defined beside the page's, which the page's loader can unload with it).
     */
    public static EvalSite of(MethodHandles.Lookup lookup, String expression) {
        return new EvalSite(lookup, expression, null);
    }

    /** {@code Eval(expression, format)} in the class of {@code lookup}. */
    public static EvalSite of(MethodHandles.Lookup lookup, String expression, String format) {
        return new EvalSite(lookup, expression, format);
    }

    /**
     * What the literal keeps of the value in the data item being bound in {@code owner}'s page, for {@link #write} to
     * show at rendering: the value (see {@link ParsedValues#bound}), or its formatted text when the site formats it
     * (a double for a {@code {0:Fn}} format: its digits are written straight out).
     *
     * @throws IllegalStateException outside data binding, as {@code Eval}
     */
    public @Nullable Object bind(TemplateControl owner) {
        Object value = value(owner);
        if (format == null || value == null) {
            return ParsedValues.bound(value);
        }
        if (fixed >= 0 && (value instanceof Double || value instanceof Float)) {
            return value;
        }
        return NetFormat.format(format, value);
    }

    /** Writes a value {@link #bind} kept, as {@code <%# %>} shows it. */
    public void write(HtmlTextWriter writer, @Nullable Object kept) {
        if (!(fixed >= 0 && kept instanceof Number n && writer.writeFixed(n.doubleValue(), fixed))) {
            ParsedValues.writeText(
                    writer, format != null && kept instanceof Number ? NetFormat.format(format, kept) : kept);
        }
    }

    /** Writes a value {@link #bind} kept HTML-encoded, as {@code <%#: %>} shows it. */
    public void writeEncoded(HtmlTextWriter writer, @Nullable Object kept) {
        if (!(fixed >= 0 && kept instanceof Number n && writer.writeFixed(n.doubleValue(), fixed))) {
            ParsedValues.writeEncoded(
                    writer, format != null && kept instanceof Number ? NetFormat.format(format, kept) : kept);
        }
    }

    private @Nullable Object value(TemplateControl owner) {
        Object item = owner.currentDataItem();
        if (item == null || !simple) {
            return DataBinder.eval(item, expression);
        }
        if (item instanceof Map<?, ?> map) {
            return DataBinder.mapGet(map, expression);
        }
        Class<?> type = item.getClass();
        Cached c = cached;
        if (c == null || c.type() != type) {
            DataBinder.Accessor accessor = DataBinder.accessor(type, expression);
            c = new Cached(type, accessor, accessor.method() == null ? null : getter(accessor.method()));
            cached = c;
        }
        Function<Object, Object> getter = c.getter();
        return getter != null ? getter.apply(item) : c.accessor().read(item);
    }

    /**
     * The getter as a {@link Function} made by {@link LambdaMetafactory} in the page's class: a plain interface call,
     * where a method handle that is not a constant costs an order of magnitude more per call. Null (the accessor's
     * method handle then) where the page's loader does not see the getter's class by its name.
     */
    @SuppressWarnings("unchecked")
    private @Nullable Function<Object, Object> getter(Method m) {
        Class<?> owner = m.getDeclaringClass();
        try {
            ClassLoader loader = lookup.lookupClass().getClassLoader();
            if (Class.forName(owner.getName(), false, loader) != owner) {
                return null;
            }
            Class<?> result = MethodType.methodType(m.getReturnType()).wrap().returnType();
            return (Function<Object, Object>) LambdaMetafactory.metafactory(
                            lookup,
                            "apply",
                            MethodType.methodType(Function.class),
                            MethodType.methodType(Object.class, Object.class),
                            lookup.unreflect(m),
                            MethodType.methodType(result, owner))
                    .getTarget()
                    .invoke();
        } catch (Throwable e) {
            return null; // a getter the page's class may not call (a class of a module not open to it)
        }
    }

    @Override
    public String toString() {
        return format == null ? "Eval(\"" + expression + "\")" : "Eval(\"" + expression + "\", \"" + format + "\")";
    }
}
