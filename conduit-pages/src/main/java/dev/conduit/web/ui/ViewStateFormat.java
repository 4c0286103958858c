package dev.conduit.web.ui;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of view state: a compact format of Conduit's own for a <b>closed set of types</b>, so that decoding a
 * client's bytes can only ever make these: null, {@code Boolean}, {@code Integer}, {@code Long}, {@code Double},
 * {@code String}, {@link Pair}, {@link Triplet}, {@code Object[]}, {@code List} and {@code Map<String, ?>} of them,
 * and the types registered with {@link ViewStateTypes} (enums, value types), named by their registered name.
 * Never Java serialization, never a class named by the bytes (ASP.NET's {@code ObjectStateFormatter} falls back to
 * {@code BinaryFormatter} for other types: the remote code execution of its history).
 *
 * <p>Decoding is bounded: nesting at most {@link #MAX_DEPTH} deep, and every count and length checked against the bytes
 * left, so a value never takes more memory than a small multiple of its encoded size. Any malformed input is a
 * {@link InvalidViewStateException}, nothing else. The bytes are authenticated before they are decoded (see {@code
 * ViewStateProtector}); the bounds hold for forged input all the same.
 *
 * <p>Layout: a version byte, then one value; a value is a tag byte and its content, lengths and counts as unsigned
 * varints, ints and longs as zig-zag varints, doubles as 8 bytes, strings as UTF-8.
 */
final class ViewStateFormat {
    static final int MAX_DEPTH = 64;

    private static final int VERSION = 1;
    private static final int NULL = 0;
    private static final int TRUE = 1;
    private static final int FALSE = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 5;
    private static final int STRING = 6;
    private static final int EMPTY_STRING = 7;
    private static final int PAIR = 8;
    private static final int TRIPLET = 9;
    private static final int ARRAY = 10;
    private static final int LIST = 11;
    private static final int MAP = 12;
    private static final int REGISTERED = 13;

    /** Input that is not view state this format wrote. */
    static final class InvalidViewStateException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidViewStateException(String message) {
            super("invalid view state: " + message);
        }
    }

    private ViewStateFormat() {}

    /**
     * The bytes of {@code value}.
     *
     * @throws IllegalArgumentException naming the type, for a value outside the closed set (a control's mistake)
     */
    static byte[] encode(@Nullable Object value) {
        Out out = new Out();
        out.write(VERSION);
        write(out, value, 0);
        return out.toByteArray();
    }

    private static void write(Out out, @Nullable Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("view state nested deeper than " + MAX_DEPTH);
        }
        switch (value) {
            case null -> out.write(NULL);
            case Boolean b -> out.write(b ? TRUE : FALSE);
            case Integer i -> {
                out.write(INT);
                varint(out, zigzag(i));
            }
            case Long l -> {
                out.write(LONG);
                varint(out, zigzag(l));
            }
            case Double d -> {
                out.write(DOUBLE);
                long bits = Double.doubleToRawLongBits(d);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) (bits >>> shift));
                }
            }
            case String s when s.isEmpty() -> out.write(EMPTY_STRING);
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.write(STRING);
                varint(out, utf8.length);
                out.write(utf8, 0, utf8.length);
            }
            case Pair p -> {
                out.write(PAIR);
                write(out, p.first(), depth + 1);
                write(out, p.second(), depth + 1);
            }
            case Triplet t -> {
                out.write(TRIPLET);
                write(out, t.first(), depth + 1);
                write(out, t.second(), depth + 1);
                write(out, t.third(), depth + 1);
            }
            case Object[] a -> {
                out.write(ARRAY);
                varint(out, a.length);
                for (Object o : a) {
                    write(out, o, depth + 1);
                }
            }
            case List<?> list -> {
                out.write(LIST);
                varint(out, list.size());
                for (Object o : list) {
                    write(out, o, depth + 1);
                }
            }
            case Map<?, ?> map -> {
                out.write(MAP);
                varint(out, map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("a map in view state has keys that are not strings: "
                                + (e.getKey() == null
                                        ? "null"
                                        : e.getKey().getClass().getName()));
                    }
                    write(out, key, depth + 1);
                    write(out, e.getValue(), depth + 1);
                }
            }
            default -> {
                ViewStateTypes.Registration r = ViewStateTypes.of(value.getClass());
                if (r == null) {
                    throw new IllegalArgumentException(
                            "view state cannot hold a " + value.getClass().getName()
                                    + " (strings, numbers, booleans, Pair, Triplet, arrays, lists and maps of them, and the types"
                                    + " registered with ViewStateTypes only)");
                }
                out.write(REGISTERED);
                write(out, r.name(), depth + 1);
                write(out, r.toState().apply(value), depth + 1);
            }
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    /**
     * The bytes being written: a growing array without {@code ByteArrayOutputStream}'s locking, which cost a lock per
     * byte (view state is written a byte at a time).
     */
    private static final class Out {
        private byte[] bytes = new byte[512];
        private int count;

        void write(int b) {
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, count * 2);
            }
            bytes[count++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            if (len > bytes.length - count) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
            }
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, count);
        }
    }

    private static void varint(Out out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** The value {@code bytes} hold. */
    static @Nullable Object decode(byte[] bytes) throws InvalidViewStateException {
        Reader r = new Reader(bytes);
        if (r.remaining() < 2 || r.next() != VERSION) {
            throw new InvalidViewStateException("unknown version");
        }
        Object value = r.value(0);
        if (r.remaining() != 0) {
            throw new InvalidViewStateException("bytes after the value");
        }
        return value;
    }

    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - at;
        }

        int next() throws InvalidViewStateException {
            if (at >= bytes.length) {
                throw new InvalidViewStateException("truncated");
            }
            return bytes[at++] & 0xFF;
        }

        long varint() throws InvalidViewStateException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = next();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new InvalidViewStateException("a number too long");
        }

        /** A count or length: each of its items takes at least {@code unit} of the bytes left. */
        int count(int unit) throws InvalidViewStateException {
            long n = varint();
            if (n < 0 || n > (long) remaining() / unit) {
                throw new InvalidViewStateException("a count larger than the bytes left");
            }
            return (int) n;
        }

        static long unzigzag(long v) {
            return (v >>> 1) ^ -(v & 1);
        }

        @Nullable
        Object value(int depth) throws InvalidViewStateException {
            if (depth > MAX_DEPTH) {
                throw new InvalidViewStateException("nested deeper than " + MAX_DEPTH);
            }
            int tag = next();
            switch (tag) {
                case NULL:
                    return null;
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case INT: {
                    long v = unzigzag(varint());
                    if (v != (int) v) {
                        throw new InvalidViewStateException("an int out of range");
                    }
                    return (int) v;
                }
                case LONG:
                    return unzigzag(varint());
                case DOUBLE: {
                    if (remaining() < 8) {
                        throw new InvalidViewStateException("truncated");
                    }
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits = bits << 8 | (bytes[at++] & 0xFF);
                    }
                    return Double.longBitsToDouble(bits);
                }
                case EMPTY_STRING:
                    return "";
                case STRING: {
                    int n = count(1);
                    String s = utf8(bytes, at, n);
                    at += n;
                    return s;
                }
                case PAIR:
                    return new Pair(value(depth + 1), value(depth + 1));
                case TRIPLET:
                    return new Triplet(value(depth + 1), value(depth + 1), value(depth + 1));
                case ARRAY: {
                    Object[] a = new Object[count(1)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = value(depth + 1);
                    }
                    return a;
                }
                case LIST: {
                    int n = count(1);
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    return list;
                }
                case MAP: {
                    int n = count(2);
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        if (!(value(depth + 1) instanceof String key)) {
                            throw new InvalidViewStateException("a map key that is not a string");
                        }
                        map.put(key, value(depth + 1));
                    }
                    return map;
                }
                case REGISTERED: {
                    if (!(value(depth + 1) instanceof String name)) {
                        throw new InvalidViewStateException("a registered type without a name");
                    }
                    ViewStateTypes.Registration r = ViewStateTypes.named(name);
                    if (r == null) {
                        throw new InvalidViewStateException("a type not registered here: " + clip(name));
                    }
                    Object state = value(depth + 1);
                    try {
                        return java.util.Objects.requireNonNull(r.fromState().apply(state));
                    } catch (RuntimeException e) {
                        throw new InvalidViewStateException("a value " + name + " does not read back");
                    }
                }
                default:
                    throw new InvalidViewStateException("unknown tag " + tag);
            }
        }

        private static String clip(String s) {
            return s.length() <= 64 ? s : s.substring(0, 64) + "...";
        }

        private static String utf8(byte[] bytes, int from, int length) throws InvalidViewStateException {
            int i = from;
            while (i < from + length && bytes[i] >= 0) {
                i++;
            }
            if (i == from + length) {
                return new String(bytes, from, length, StandardCharsets.ISO_8859_1); // ASCII: nothing to check
            }
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(Arrays.copyOfRange(bytes, from, from + length)))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new InvalidViewStateException("a string that is not UTF-8");
            }
        }
    }
}
