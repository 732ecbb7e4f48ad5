package io.github.rollbacksafety.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The on-disk form of cache entries: a compact, self-describing binary encoding of the plugin's records (each by its
 * record class and components, passed back through its canonical constructor), strings (each written once, then
 * referred to by number), lists, sets, maps, optionals, enums and numbers, gzipped. Reading it in a fresh JVM costs
 * a fraction of JSON databinding (nothing to introspect or build beyond the records' own classes), which is most of
 * what a warm build pays to load a release. Only records and enums of the plugin's own packages are created; any
 * other class name, an unknown tag or a component that does not fit the constructor fails the read (a cache miss).
 */
final class RecordCodec {

    private static final int MAGIC = 0x52534331; // "RSC1"
    private static final String OWN_PACKAGE = "io.github.rollbacksafety.";
    /** Longer than any statement the check reads; a corrupt length must not allocate gigabytes. */
    private static final int MAX_STRING_BYTES = 256 * 1024 * 1024;

    private static final int NULL = 0;
    private static final int NEW_STRING = 1;
    private static final int STRING = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int TRUE = 5;
    private static final int FALSE = 6;
    private static final int DOUBLE = 7;
    private static final int ENUM = 8;
    private static final int EMPTY = 9;
    private static final int PRESENT = 10;
    private static final int EMPTY_INT = 11;
    private static final int PRESENT_INT = 12;
    private static final int LIST = 13;
    private static final int SET = 14;
    private static final int MAP = 15;
    private static final int RECORD = 16;

    private RecordCodec() {
    }

    /** A record class's components and canonical constructor, looked up once per class. */
    private record Shape(Method[] accessors, Constructor<?> constructor, String signature) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            var accessors = new Method[components.length];
            var types = new Class<?>[components.length];
            var signature = new StringBuilder();
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                types[i] = components[i].getType();
                signature.append(components[i].getGenericType().getTypeName()).append(' ')
                        .append(components[i].getName()).append(';');
            }
            try {
                var constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new Shape(accessors, constructor, signature.toString());
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    /** {@code value} encoded and gzipped. */
    static byte[] encode(Object value) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(bytes, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }; var out = new DataOutputStream(new java.io.BufferedOutputStream(gzip, 64 * 1024))) {
            out.writeInt(MAGIC);
            new Writer(out).value(value);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode} wrote; fails unless it is a {@code type}. */
    static <T> T decode(InputStream in, Class<T> type) throws IOException {
        try (var data = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(in, 64 * 1024),
                64 * 1024))) {
            if (data.readInt() != MAGIC) {
                throw new IOException("not a cache entry");
            }
            return type.cast(new Reader(data).value());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("unreadable cache entry: " + e, e);
        }
    }

    private static final class Writer {
        private final DataOutputStream out;
        private final Map<String, Integer> strings = new HashMap<>();
        private final Set<Class<?>> described = new java.util.HashSet<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void value(Object v) throws IOException {
            if (v == null) {
                out.writeByte(NULL);
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof Integer i) {
                out.writeByte(INT);
                varint(i);
            } else if (v instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (v instanceof Boolean b) {
                out.writeByte(b ? TRUE : FALSE);
            } else if (v instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (v instanceof Enum<?> e) {
                out.writeByte(ENUM);
                string(e.getDeclaringClass().getName());
                string(e.name());
            } else if (v instanceof Optional<?> o) {
                if (o.isEmpty()) {
                    out.writeByte(EMPTY);
                } else {
                    out.writeByte(PRESENT);
                    value(o.get());
                }
            } else if (v instanceof OptionalInt o) {
                if (o.isEmpty()) {
                    out.writeByte(EMPTY_INT);
                } else {
                    out.writeByte(PRESENT_INT);
                    varint(o.getAsInt());
                }
            } else if (v instanceof List<?> || v instanceof Set<?>) {
                var items = (Collection<?>) v;
                out.writeByte(v instanceof List<?> ? LIST : SET);
                varint(items.size());
                for (var item : items) {
                    value(item);
                }
            } else if (v instanceof Map<?, ?> map) {
                out.writeByte(MAP);
                varint(map.size());
                for (var e : map.entrySet()) {
                    value(e.getKey());
                    value(e.getValue());
                }
            } else if (v.getClass().isRecord() && v.getClass().getName().startsWith(OWN_PACKAGE)) {
                out.writeByte(RECORD);
                string(v.getClass().getName());
                var shape = SHAPES.get(v.getClass());
                if (described.add(v.getClass())) {
                    string(shape.signature()); // a reader whose record has other components must not misread
                }
                for (var accessor : shape.accessors()) {
                    try {
                        value(accessor.invoke(v));
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IOException("cannot read " + accessor, e);
                    }
                }
            } else {
                throw new IOException("no encoding for " + v.getClass().getName());
            }
        }

        private void string(String s) throws IOException {
            var known = strings.get(s);
            if (known != null) {
                out.writeByte(STRING);
                varint(known);
                return;
            }
            strings.put(s, strings.size());
            out.writeByte(NEW_STRING);
            var bytes = s.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            out.write(bytes);
        }

        private void varint(int value) throws IOException {
            int v = value;
            while ((v & ~0x7F) != 0) {
                out.writeByte((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.writeByte(v);
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final List<String> strings = new ArrayList<>();
        private final Map<String, Class<?>> classes = new HashMap<>();
        private final Set<Class<?>> checked = new java.util.HashSet<>();

        Reader(DataInputStream in) {
            this.in = in;
        }

        Object value() throws IOException, ReflectiveOperationException {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case NULL:
                    return null;
                case NEW_STRING:
                case STRING:
                    return string(tag);
                case INT:
                    return varint();
                case LONG:
                    return in.readLong();
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case DOUBLE:
                    return in.readDouble();
                case ENUM:
                    return enumValue(ownClass(string()), string());
                case EMPTY:
                    return Optional.empty();
                case PRESENT:
                    return Optional.of(value());
                case EMPTY_INT:
                    return OptionalInt.empty();
                case PRESENT_INT:
                    return OptionalInt.of(varint());
                case LIST:
                case SET: {
                    int n = varint();
                    // a corrupt size must not allocate
                    Collection<Object> items = tag == LIST ? new ArrayList<>(Math.min(n, 1024)) : new LinkedHashSet<>();
                    for (int i = 0; i < n; i++) {
                        items.add(value());
                    }
                    return items;
                }
                case MAP: {
                    int n = varint();
                    var map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        map.put(value(), value());
                    }
                    return map;
                }
                case RECORD: {
                    var type = ownClass(string());
                    if (!type.isRecord()) {
                        throw new IOException(type + " is not a record");
                    }
                    var shape = SHAPES.get(type);
                    if (checked.add(type) && !shape.signature().equals(string())) {
                        throw new IOException(type + " was written with other components");
                    }
                    var args = new Object[shape.accessors().length];
                    for (int i = 0; i < args.length; i++) {
                        args[i] = value();
                    }
                    return shape.constructor().newInstance(args);
                }
                default:
                    throw new IOException("unknown tag " + tag);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object enumValue(Class<?> type, String name) throws IOException {
            if (!type.isEnum()) {
                throw new IOException(type + " is not an enum");
            }
            return Enum.valueOf((Class) type, name);
        }

        private Class<?> ownClass(String name) throws IOException, ClassNotFoundException {
            var known = classes.get(name);
            if (known != null) {
                return known;
            }
            if (!name.startsWith(OWN_PACKAGE)) {
                throw new IOException("foreign class " + name);
            }
            var type = Class.forName(name, false, RecordCodec.class.getClassLoader());
            classes.put(name, type);
            return type;
        }

        private String string() throws IOException {
            return string(in.readUnsignedByte());
        }

        private String string(int tag) throws IOException {
            if (tag == STRING) {
                return strings.get(varint());
            }
            if (tag != NEW_STRING) {
                throw new IOException("expected a string, found tag " + tag);
            }
            int length = varint();
            if (length < 0 || length > MAX_STRING_BYTES) {
                throw new IOException("malformed string length " + length);
            }
            var bytes = new byte[length];
            in.readFully(bytes);
            var s = new String(bytes, StandardCharsets.UTF_8);
            strings.add(s);
            return s;
        }

        private int varint() throws IOException {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = in.readUnsignedByte();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("malformed number");
        }
    }
}
