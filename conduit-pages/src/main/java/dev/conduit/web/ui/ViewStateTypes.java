package dev.conduit.web.ui;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The types view state holds beyond its closed set, each registered by name with a conversion to and from values of
 * that set: an enum (by its constant's name), a value type such as {@code Unit}. The bytes name a registered type by
 * the name given here, never by a class name, so a client can only ever choose among the registered conversions.
 *
 * <p>Register in a static initializer of the class that stores the type (a control, the page): every server that reads
 * the view state must have registered the same names, which holds when the page's classes are the same. Registering a
 * name again for the same class is a no-op; for a class of the same name from another class loader (the page
 * recompiled after an edit) the new class replaces the old, which is then no longer held here. The registry is the
 * JVM's: two sites in one server should use names of their own.
 */
public final class ViewStateTypes {
    /** A registered type and its conversions. */
    record Registration(String name, Class<?> type, Function<Object, ?> toState, Function<Object, ?> fromState) {}

    private static final Map<String, Registration> BY_NAME = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Registration> BY_TYPE = new ConcurrentHashMap<>();

    private ViewStateTypes() {}

    /**
     * Registers {@code type} under {@code name}: written as {@code toState}'s value (of view state's closed set), read
     * back with {@code fromState}, which may throw on a value it did not make (the view state is then refused as
     * invalid).
     *
     * @throws IllegalStateException when {@code name} or {@code type} is registered already for another
     */
    @SuppressWarnings("unchecked")
    public static synchronized <T> void register(
            String name, Class<T> type, Function<? super T, ?> toState, Function<Object, ? extends T> fromState) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Registration existing = BY_NAME.get(name);
        if (existing != null && existing.type() == type) {
            return;
        }
        boolean recompiled = existing != null && existing.type().getName().equals(type.getName());
        if (existing != null && !recompiled || BY_TYPE.containsKey(type)) {
            throw new IllegalStateException("view state type '" + name + "' (" + type.getName()
                    + ") clashes with one registered already: " + (existing != null ? existing : BY_TYPE.get(type)));
        }
        if (recompiled) {
            BY_TYPE.remove(existing.type()); // the old class, and its loader, are no longer held
        }
        Registration r = new Registration(name, type, (Function<Object, ?>) toState, (Function<Object, ?>) fromState);
        BY_NAME.put(name, r);
        BY_TYPE.put(type, r);
    }

    /** Registers the enum {@code type} under {@code name}, written as its constant's name. */
    public static <E extends Enum<E>> void registerEnum(String name, Class<E> type) {
        register(name, type, Enum::name, state -> Enum.valueOf(type, (String) state));
    }

    /** The registration of {@code type} (an enum constant with a body: its enum's), or null. */
    static @Nullable Registration of(Class<?> type) {
        Registration r = BY_TYPE.get(type);
        if (r == null && type.isAnonymousClass() && type.getSuperclass().isEnum()) {
            r = BY_TYPE.get(type.getSuperclass());
        }
        return r;
    }

    /** The registration named {@code name}, or null. */
    static @Nullable Registration named(String name) {
        return BY_NAME.get(name);
    }
}
