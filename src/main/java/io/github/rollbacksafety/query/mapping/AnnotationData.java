package io.github.rollbacksafety.query.mapping;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An annotation read from a class file: its type and the values set explicitly (defaults are not in the class
 * file, so accessors take the default). Enum values are kept as the constant name, class values as dotted names,
 * arrays as lists, nested annotations as {@code AnnotationData}.
 *
 * @param type   the annotation type, dotted (e.g. {@code jakarta.persistence.Column})
 * @param values the values present in the class file
 */
public record AnnotationData(String type, Map<String, Object> values) {

    /** The simple name when the annotation is a JPA one ({@code jakarta.persistence} or {@code javax.persistence}). */
    public String jpaName() {
        if (type.startsWith("jakarta.persistence.")) {
            return type.substring("jakarta.persistence.".length());
        }
        if (type.startsWith("javax.persistence.")) {
            return type.substring("javax.persistence.".length());
        }
        return "";
    }

    public String string(String key) {
        var v = values.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof List<?> list) {
            // String[] values (MyBatis) are lines of one statement
            var sb = new StringBuilder();
            for (var o : list) {
                if (o instanceof String s) {
                    sb.append(sb.length() == 0 ? "" : " ").append(s);
                }
            }
            return sb.toString();
        }
        return "";
    }

    public boolean bool(String key, boolean defaultValue) {
        return values.get(key) instanceof Boolean b ? b : defaultValue;
    }

    /** A nested annotation, or an empty one of unknown type when absent. */
    public AnnotationData annotation(String key) {
        return values.get(key) instanceof AnnotationData a ? a : new AnnotationData("", Map.of());
    }

    public List<AnnotationData> annotations(String key) {
        var v = values.get(key);
        var result = new ArrayList<AnnotationData>();
        if (v instanceof AnnotationData a) {
            result.add(a);
        } else if (v instanceof List<?> list) {
            for (var o : list) {
                if (o instanceof AnnotationData a) {
                    result.add(a);
                }
            }
        }
        return result;
    }

    /** Builds annotations from ASM callbacks. */
    public static final class Reader extends AnnotationVisitor {
        private final Map<String, Object> values = new HashMap<>();
        private final Consumer<Map<String, Object>> done;

        Reader(Consumer<Map<String, Object>> done) {
            super(Opcodes.ASM9);
            this.done = done;
        }

        public static Reader of(String descriptor, Consumer<AnnotationData> sink) {
            var type = Type.getType(descriptor).getClassName();
            return new Reader(values -> sink.accept(new AnnotationData(type, values)));
        }

        @Override
        public void visit(String name, Object value) {
            values.put(name, value instanceof Type t ? t.getClassName() : value);
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
            values.put(name, value);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String descriptor) {
            return of(descriptor, a -> values.put(name, a));
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            var list = new ArrayList<Object>();
            values.put(name, list);
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String n, Object value) {
                    list.add(value instanceof Type t ? t.getClassName() : value);
                }

                @Override
                public void visitEnum(String n, String descriptor, String value) {
                    list.add(value);
                }

                @Override
                public AnnotationVisitor visitAnnotation(String n, String descriptor) {
                    return of(descriptor, list::add);
                }
            };
        }

        @Override
        public void visitEnd() {
            done.accept(values);
        }
    }
}
