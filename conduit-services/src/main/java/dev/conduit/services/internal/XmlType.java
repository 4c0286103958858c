package dev.conduit.services.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a Java type is written in a service's XML, as XmlSerializer maps .NET types: a simple type of XML Schema, an
 * enum (a string restricted to its constants' names), an array (the {@code ArrayOfX} complex type, an {@code X}
 * element per item) or a complex type (a record's components or a bean's properties, in order). Made by {@link
 * XmlTypes}; immutable once made (a complex type's properties are filled in once, for recursive types).
 */
sealed interface XmlType {
    /** The Java type. */
    Class<?> javaType();

    /**
     * The type's name in the schema: {@code int} (of XML Schema, {@link #builtIn()}), or a name in the service's
     * namespace ({@code ArrayOfInt}, {@code Person}, {@code guid}).
     */
    String schemaName();

    /** Whether {@link #schemaName()} is one of XML Schema's own types ({@code s:int}) rather than the service's. */
    boolean builtIn();

    /**
     * Whether a value is never missing, as .NET value types: an element of this type has {@code minOccurs="1"} and a
     * missing one reads as the {@link #defaultValue()}. Reference types (String, arrays, records, boxed numbers) may
     * be absent: {@code minOccurs="0"}, null.
     */
    default boolean valueType() {
        return false;
    }

    /** What a missing element reads as: 0, false, or null. */
    default @Nullable Object defaultValue() {
        return null;
    }

    /** The name of the element an item has in an array of this type ({@code int}, {@code string}, {@code Person}). */
    default String itemElementName() {
        return schemaName();
    }

    /**
     * A type written as text: a number, a string, a date.
     *
     * @param parse reads the text (throws IllegalArgumentException or a DateTimeParseException for bad text)
     * @param format writes a value
     * @param nillable whether an element of it may be {@code xsi:nil} (a boxed number, as .NET's {@code int?})
     */
    record Simple(
            Class<?> javaType,
            String schemaName,
            boolean builtIn,
            boolean valueType,
            @Nullable Object defaultValue,
            boolean nillable,
            Function<String, Object> parse,
            Function<Object, String> format)
            implements XmlType {}

    /** An enum: its constants' names. */
    record EnumType(Class<?> javaType, String schemaName, List<String> names) implements XmlType {
        @Override
        public boolean builtIn() {
            return false;
        }

        @Override
        public boolean valueType() {
            return true;
        }

        @Override
        public Object defaultValue() {
            return javaType.getEnumConstants()[0];
        }
    }

    /** An array or List of {@code item}s. */
    record ArrayType(Class<?> javaType, XmlType item, boolean list) implements XmlType {
        @Override
        public String schemaName() {
            String name = item.itemElementName();
            return "ArrayOf" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }

        @Override
        public boolean builtIn() {
            return false;
        }

        /** The value of {@code items}: the List itself, or an array of the item type (a null item of a primitive: 0). */
        Object of(List<Object> items) {
            if (list) {
                return items;
            }
            Class<?> component = javaType.getComponentType();
            Object array = java.lang.reflect.Array.newInstance(component, items.size());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) != null || !component.isPrimitive()) {
                    java.lang.reflect.Array.set(array, i, items.get(i));
                }
            }
            return array;
        }
    }

    /** A record or a bean. */
    final class Complex implements XmlType {
        private final Class<?> javaType;
        private final String schemaName;
        private List<Property> properties = List.of();
        private @Nullable Constructor<?> canonical;

        Complex(Class<?> javaType, String schemaName) {
            this.javaType = javaType;
            this.schemaName = schemaName;
        }

        void define(List<Property> properties, @Nullable Constructor<?> canonical) {
            this.properties = List.copyOf(properties);
            this.canonical = canonical;
        }

        @Override
        public Class<?> javaType() {
            return javaType;
        }

        @Override
        public String schemaName() {
            return schemaName;
        }

        @Override
        public boolean builtIn() {
            return false;
        }

        /** The properties, in the order they are written. */
        List<Property> properties() {
            return properties;
        }

        /** A record's canonical constructor (the values in component order); null for a bean. */
        @Nullable
        Constructor<?> canonical() {
            return canonical;
        }

        /**
         * A value made of {@code values} (in property order; {@code given[i]} says whether property {@code i} came):
         * a property missing or null takes its value type's default (0, false, an enum's first constant), as
         * XmlSerializer does; a record gets every value, a bean only those that came.
         *
         * @throws ReflectiveOperationException when the constructor or a setter throws (its cause is the service's)
         */
        Object make(@Nullable Object[] values, boolean[] given) throws ReflectiveOperationException {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null && properties.get(i).type().valueType()) {
                    values[i] = properties.get(i).type().defaultValue();
                }
            }
            if (canonical != null) {
                return canonical.newInstance(values);
            }
            Object bean = javaType.getConstructor().newInstance();
            for (int i = 0; i < values.length; i++) {
                Property p = properties.get(i);
                if (given[i]
                        && (values[i] != null || !p.getter().getReturnType().isPrimitive())) {
                    java.util.Objects.requireNonNull(p.setter()).invoke(bean, values[i]);
                }
            }
            return bean;
        }
    }

    /**
     * A property of a complex type.
     *
     * @param name the element's name (the component's or property's name, as written in Java)
     * @param getter reads it
     * @param setter writes it into a bean; null for a record
     */
    record Property(String name, XmlType type, Method getter, @Nullable Method setter) {}
}
