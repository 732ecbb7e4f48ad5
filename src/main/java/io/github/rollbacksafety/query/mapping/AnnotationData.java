package io.github.rollbacksafety.query.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An annotation read from a class file: its type and the values set explicitly (defaults are not in the class
 * file, so accessors take the default). Enum values are kept as the constant name, class values as dotted names,
 * arrays as lists, nested annotations as {@code AnnotationData}. Free of ASM types: the bytecode front end builds it
 * ({@code query.bytecode.AnnotationReader}), and so does the Java source front end.
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
}
