package dev.conduit.spi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The contents of one session as a {@link SessionStore} keeps them: the values by key and the session's timeout, the
 * Java form of System.Web's {@code SessionStateStoreData}.
 *
 * <p>Keys compare ignoring case and keep the case they were first set with; {@link #keys()} lists them in insertion
 * order. The class is {@link Serializable}: an out-of-process store writes it with {@link #toBytes()} and reads it
 * back with {@link #fromBytes(byte[], ClassLoader)}, and then every value must be serializable too. The in-process
 * store keeps instances as they are, live objects included.
 *
 * <p>Not thread-safe: an instance handed to a request is used by that request only. A store returns a data object
 * its caller may change, and takes ownership of the one passed to {@link
 * SessionStore#setAndReleaseItemExclusive}.
 */
public final class SessionData implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The longest timeout, as System.Web's in-process limit: one year (525,600 minutes). */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(525_600);

    private record Item(String key, Object value) implements Serializable {}

    private final LinkedHashMap<String, Item> items = new LinkedHashMap<>();
    private Duration timeout;

    /**
     * Creates empty data with {@code timeout}.
     *
     * @throws IllegalArgumentException when the timeout is not between one minute and {@link #MAX_TIMEOUT}
     */
    public SessionData(Duration timeout) {
        this.timeout = checkTimeout(timeout);
    }

    /** A shallow copy: the same values under the same keys, and the same timeout. */
    public SessionData copy() {
        SessionData c = new SessionData(timeout);
        c.items.putAll(items);
        return c;
    }

    /** The value under {@code key} (ignoring case), or {@code null}. */
    public @Nullable Object get(String key) {
        Item i = items.get(normalize(key));
        return i == null ? null : i.value();
    }

    /** Sets {@code key}; {@code null} removes it. A key already present keeps its place and its first spelling. */
    public void set(String key, @Nullable Object value) {
        String k = normalize(key);
        if (value == null) {
            items.remove(k);
            return;
        }
        Item old = items.get(k);
        items.put(k, new Item(old == null ? key : old.key(), value));
    }

    /** Removes {@code key}. */
    public void remove(String key) {
        items.remove(normalize(key));
    }

    /** Removes every value. */
    public void clear() {
        items.clear();
    }

    /** The keys, in insertion order, as first spelt. */
    public List<String> keys() {
        List<String> k = new ArrayList<>(items.size());
        for (Item i : items.values()) {
            k.add(i.key());
        }
        return k;
    }

    /** How many values there are. */
    public int size() {
        return items.size();
    }

    /** Tells whether there are no values. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The idle time after which the session expires (sliding). */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Changes the timeout.
     *
     * @throws IllegalArgumentException when it is not between one minute and {@link #MAX_TIMEOUT}
     */
    public void setTimeout(Duration newTimeout) {
        this.timeout = checkTimeout(newTimeout);
    }

    /** The first byte of the compact form (Java serialization's streams start with 0xAC). */
    private static final byte COMPACT = 'C';

    private static final byte VERSION = 1;
    private static final byte JAVA = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte BOOLEAN = 4;
    private static final byte DOUBLE = 5;
    private static final byte BYTES = 6;

    /**
     * The data as bytes, for a store that keeps bytes: a compact form in which strings, numbers, booleans and byte
     * arrays are written directly and any other value with Java serialization (so it must be {@link Serializable}).
     *
     * @throws IllegalArgumentException naming the key whose value cannot be serialized
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * items.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(COMPACT);
            out.writeByte(VERSION);
            out.writeLong(timeout.toMillis());
            out.writeInt(items.size());
            for (Item i : items.values()) {
                writeString(out, i.key());
                writeValue(out, i.key(), i.value());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the session data cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void writeValue(DataOutputStream out, String key, Object v) throws IOException {
        switch (v) {
            case String str -> {
                out.writeByte(STRING);
                writeString(out, str);
            }
            case Integer n -> {
                out.writeByte(INT);
                out.writeInt(n);
            }
            case Long n -> {
                out.writeByte(LONG);
                out.writeLong(n);
            }
            case Boolean b -> {
                out.writeByte(BOOLEAN);
                out.writeBoolean(b);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            }
            case byte[] b -> {
                out.writeByte(BYTES);
                out.writeInt(b.length);
                out.write(b);
            }
            default -> {
                if (!(v instanceof Serializable)) {
                    throw new IllegalArgumentException("the session value under '" + key + "' ("
                            + v.getClass().getName() + ") is not Serializable");
                }
                ByteArrayOutputStream one = new ByteArrayOutputStream(128);
                try (ObjectOutputStream o = new ObjectOutputStream(one)) {
                    o.writeObject(v);
                }
                out.writeByte(JAVA);
                out.writeInt(one.size());
                one.writeTo(out);
            }
        }
    }

    /** The JDK packages whose classes session data may hold (value types and collections; not java.net, not I/O). */
    private static final Set<String> JDK_VALUE_PACKAGES = Set.of(
            "java.lang", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "java.time", "java.math");

    /**
     * Reads data written by {@link #toBytes()}, resolving the values' classes in {@code loader} (the site class
     * loader, so that the site's own types load). Bytes from a shared store are not trusted blindly: an {@link
     * ObjectInputFilter} admits only {@code SessionData} itself, the site's own classes (those {@code loader} or a
     * loader below it defined: {@code bin/*.jar}, App_Code), the JDK's value types and collections ({@code
     * java.lang}, {@code java.util}, {@code java.time}, {@code java.math}) and arrays of these, at most 64 levels
     * deep; anything else (a gadget class of a library on the server's class path, {@code java.net.URL}) is refused
     * before it is instantiated.
     *
     * @throws UncheckedIOException when the bytes are not session data, hold a class the filter refuses, or a class
     *     cannot be found or no longer matches its serialized form (a site class that changed)
     */
    public static SessionData fromBytes(byte[] bytes, ClassLoader loader) {
        if (bytes.length > 0 && bytes[0] == COMPACT) {
            return fromCompact(bytes, loader);
        }
        Object o = readJava(bytes, loader);
        if (!(o instanceof SessionData data)) {
            throw new UncheckedIOException(
                    "cannot read session data",
                    new InvalidClassException("not session data: " + (o == null ? "null" : o.getClass())));
        }
        return data;
    }

    private static SessionData fromCompact(byte[] bytes, ClassLoader loader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown session data version " + version);
            }
            SessionData d = new SessionData(Duration.ofMillis(in.readLong()));
            int n = in.readInt();
            if (n < 0 || n > bytes.length) {
                throw new IOException("bad value count " + n);
            }
            for (int i = 0; i < n; i++) {
                String key = readString(in, bytes.length);
                byte tag = in.readByte();
                Object value =
                        switch (tag) {
                            case STRING -> readString(in, bytes.length);
                            case INT -> in.readInt();
                            case LONG -> in.readLong();
                            case BOOLEAN -> in.readBoolean();
                            case DOUBLE -> in.readDouble();
                            case BYTES -> readBytes(in, bytes.length);
                            case JAVA -> readJava(readBytes(in, bytes.length), loader);
                            default -> throw new IOException("unknown value tag " + tag);
                        };
                d.set(key, value);
            }
            return d;
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(
                    "cannot read session data: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static String readString(DataInputStream in, int limit) throws IOException {
        return new String(readBytes(in, limit), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in, int limit) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > limit) {
            throw new IOException("bad length " + len);
        }
        return in.readNBytes(len);
    }

    /** One object in Java serialization form, through the filter. */
    private static Object readJava(byte[] bytes, ClassLoader loader) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            {
                setObjectInputFilter(info -> admit(info, loader));
            }

            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read session data: " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException("cannot read session data", new IOException(e));
        }
    }

    private static ObjectInputFilter.Status admit(ObjectInputFilter.FilterInfo info, ClassLoader loader) {
        if (info.depth() > 64) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || c == SessionData.class || c == Item.class) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        if (c.getModule() == Object.class.getModule() && JDK_VALUE_PACKAGES.contains(c.getPackageName())) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        for (ClassLoader l = c.getClassLoader(); l != null; l = l.getParent()) {
            if (l == loader) {
                return ObjectInputFilter.Status.ALLOWED;
            }
        }
        return ObjectInputFilter.Status.REJECTED;
    }

    private static Duration checkTimeout(Duration t) {
        if (t.compareTo(Duration.ofMinutes(1)) < 0 || t.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("session timeout must be between 1 and 525600 minutes: " + t);
        }
        return t;
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SessionData" + keys() + " timeout " + timeout;
    }
}
