package io.github.rollbacksafety.query.bytecode;

import io.github.rollbacksafety.query.mapping.AnnotationData;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Builds an {@link AnnotationData} from ASM's callbacks while a class file is read. */
final class AnnotationReader extends AnnotationVisitor {

    private final Map<String, Object> values = new HashMap<>();
    private final Consumer<Map<String, Object>> done;

    private AnnotationReader(Consumer<Map<String, Object>> done) {
        super(Opcodes.ASM9);
        this.done = done;
    }

    static AnnotationReader of(String descriptor, Consumer<AnnotationData> sink) {
        var type = Type.getType(descriptor).getClassName();
        return new AnnotationReader(values -> sink.accept(new AnnotationData(type, values)));
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
