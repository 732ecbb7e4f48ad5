package io.github.rollbacksafety.query.bytecode;

import io.github.rollbacksafety.query.SqlShape;
import io.github.rollbacksafety.query.mapping.AnnotationData;

import io.github.rollbacksafety.query.SourceLocation;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one class file with ASM: the SQL-looking strings in its code (constants, {@code invokedynamic}
 * concatenation recipes with {@code ?} for the dynamic parts, constant {@code StringBuilder} chains and
 * {@code static final String} constants) and, for classes with persistence or query annotations, the annotations
 * of the class and its members. Frames are skipped; debug information is kept for line numbers.
 */
public final class ClassFileReader {

    /** An SQL-looking string found in code. */
    public record CodeString(String text, SourceLocation location) {
    }

    /**
     * A field or method with the annotations that matter here. {@code access} holds the class file's access flags
     * (JVMS 4.5, 4.6); front ends that build members from source use the constants below.
     */
    public record Member(String name, String descriptor, String signature, int access, int line,
                         List<AnnotationData> annotations) {

        public static final int PRIVATE = Opcodes.ACC_PRIVATE;
        public static final int STATIC = Opcodes.ACC_STATIC;
        public static final int FINAL = Opcodes.ACC_FINAL;
        public static final int TRANSIENT = Opcodes.ACC_TRANSIENT;

        public boolean isStatic() {
            return (access & Opcodes.ACC_STATIC) != 0;
        }

        public boolean isTransient() {
            return (access & Opcodes.ACC_TRANSIENT) != 0;
        }

        public boolean isSynthetic() {
            return (access & Opcodes.ACC_SYNTHETIC) != 0 || name.indexOf('$') >= 0;
        }
    }

    /** What was read from one class file. */
    public record ClassFile(String className, String superName, String file, List<AnnotationData> annotations,
                            List<Member> fields, List<Member> methods, List<CodeString> strings,
                            boolean annotated) {
    }

    private static final String CONCAT_FACTORY = "java/lang/invoke/StringConcatFactory";

    /** Whether annotations of this type are kept (persistence and query annotations only, to stay small). */
    static boolean interesting(String descriptor) {
        return descriptor.startsWith("Ljakarta/persistence/") || descriptor.startsWith("Ljavax/persistence/")
                || descriptor.startsWith("Lorg/springframework/data/jpa/repository/Query;")
                || descriptor.startsWith("Lorg/jdbi/v3/sqlobject/statement/Sql")
                || descriptor.startsWith("Lorg/skife/jdbi/v2/sqlobject/Sql")
                || descriptor.startsWith("Lorg/apache/ibatis/annotations/");
    }

    /**
     * @param bytes the class file
     * @param file  its path for locations, e.g. {@code com/acme/Repo.class}
     * @throws IllegalArgumentException (or another runtime exception from ASM) when the class file is corrupt
     */
    public ClassFile read(byte[] bytes, String file) {
        var visitor = new Visitor(file);
        new ClassReader(bytes).accept(visitor, ClassReader.SKIP_FRAMES);
        return visitor.result();
    }

    private static final class Visitor extends ClassVisitor {
        private final String file;
        private String className = "";
        private String superName = "";
        private final List<AnnotationData> annotations = new ArrayList<>();
        private final List<Member> fields = new ArrayList<>();
        private final List<Member> methods = new ArrayList<>();
        private final List<CodeString> strings = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private boolean annotated;

        Visitor(String file) {
            super(Opcodes.ASM9);
            this.file = file;
        }

        ClassFile result() {
            return new ClassFile(className, superName, file, annotations, fields, methods, strings, annotated);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            this.className = name.replace('/', '.');
            this.superName = superName == null ? "" : superName.replace('/', '.');
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return keep(descriptor, annotations);
        }

        /** A reader for an interesting annotation (ASM skips the others when given null). */
        AnnotationVisitor keep(String descriptor, List<AnnotationData> into) {
            if (!interesting(descriptor)) {
                return null;
            }
            annotated = true;
            return AnnotationReader.of(descriptor, into::add);
        }

        void string(String text, int line, String member) {
            if (SqlShape.looksLikeSql(text) && seen.add(text)) {
                strings.add(new CodeString(text, new SourceLocation(file, line, className + "#" + member)));
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if (value instanceof String s) {
                string(s, 0, name);
            }
            var memberAnnotations = new ArrayList<AnnotationData>();
            fields.add(new Member(name, descriptor, signature == null ? "" : signature, access, 0, memberAnnotations));
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    return keep(desc, memberAnnotations);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            var memberAnnotations = new ArrayList<AnnotationData>();
            return new CodeVisitor(this, name) {
                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    return keep(desc, memberAnnotations);
                }

                @Override
                public void visitEnd() {
                    super.visitEnd();
                    methods.add(new Member(name, descriptor, signature == null ? "" : signature, access, firstLine,
                            memberAnnotations));
                }
            };
        }
    }

    /**
     * Follows a method's code just far enough to see string constants and how they are combined. Every
     * instruction first settles a pending constant: a constant consumed by a concatenation is part of it,
     * any other constant stands alone.
     */
    private static class CodeVisitor extends MethodVisitor {
        private final Visitor owner;
        private final String member;
        int firstLine;
        private int line;
        private String pendingString;
        private int pendingInt = -1;
        private StringBuilder chain;
        private int chainLine;

        CodeVisitor(Visitor owner, String member) {
            super(Opcodes.ASM9);
            this.owner = owner;
            this.member = member;
        }

        private void settle() {
            if (pendingString != null) {
                owner.string(pendingString, line, member);
                pendingString = null;
            }
            pendingInt = -1;
        }

        private String takeOperand() {
            var s = pendingString;
            pendingString = null;
            return s;
        }

        @Override
        public void visitLineNumber(int l, Label start) {
            line = l;
            if (firstLine == 0) {
                firstLine = l;
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            settle();
            if (value instanceof String s) {
                pendingString = s;
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            settle();
            if (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) {
                pendingInt = operand;
            }
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            settle();
            if (opcode == Opcodes.NEW && isBuilder(type)) {
                chain = new StringBuilder();
                chainLine = line;
            }
        }

        private static boolean isBuilder(String owner) {
            return owner.equals("java/lang/StringBuilder") || owner.equals("java/lang/StringBuffer");
        }

        @Override
        public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor,
                                    boolean isInterface) {
            if (chain == null || !isBuilder(methodOwner)) {
                settle();
                return;
            }
            if (name.equals("<init>") || name.equals("append")) {
                if (descriptor.startsWith("()")) {
                    settle();
                    return;
                }
                var constant = takeOperand();
                if (constant != null && !descriptor.startsWith("(C)")) {
                    chain.append(constant);
                } else if (descriptor.startsWith("(C)") && pendingInt >= 0) {
                    chain.append((char) pendingInt);
                } else if (!name.equals("<init>") || !descriptor.startsWith("(I)")) {
                    chain.append('?');
                }
                pendingInt = -1;
            } else if (name.equals("toString")) {
                settle();
                owner.string(chain.toString(), chainLine, member);
                chain = null;
            } else {
                settle();
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
            settle();
            if (!bsm.getOwner().equals(CONCAT_FACTORY) || !name.equals("makeConcatWithConstants")
                    || bsmArgs.length == 0 || !(bsmArgs[0] instanceof String recipe)) {
                return;
            }
            var sb = new StringBuilder(recipe.length());
            int constant = 1;
            for (int i = 0; i < recipe.length(); i++) {
                char c = recipe.charAt(i);
                if (c == '\u0001') {
                    sb.append('?');
                } else if (c == '\u0002') {
                    sb.append(constant < bsmArgs.length ? String.valueOf(bsmArgs[constant++]) : "?");
                } else {
                    sb.append(c);
                }
            }
            owner.string(sb.toString(), line, member);
        }

        @Override
        public void visitInsn(int opcode) {
            var keepInt = opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5;
            settle();
            if (keepInt) {
                pendingInt = opcode - Opcodes.ICONST_0;
            }
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            settle();
        }

        @Override
        public void visitFieldInsn(int opcode, String o, String name, String descriptor) {
            settle();
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            settle();
        }

        @Override
        public void visitLabel(Label label) {
            // labels do not consume operands; a constant before a label is still on the stack
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            settle();
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            settle();
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            settle();
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            settle();
        }

        @Override
        public void visitEnd() {
            settle();
        }
    }

    /** The dotted class name of a field type descriptor or, for generic collections, of its last type argument. */
    public static String elementType(String descriptor, String signature) {
        int open = signature.indexOf('<');
        int close = signature.lastIndexOf('>');
        if (open >= 0 && close > open && !signature.startsWith("<")) {
            var args = signature.substring(open + 1, close);
            int depth = 0;
            int start = 0;
            for (int i = 0; i < args.length() - 1; i++) {
                char c = args.charAt(i);
                if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth--;
                } else if (c == ';' && depth == 0) {
                    start = i + 1;
                }
            }
            var last = args.substring(start);
            if (!last.isEmpty() && (last.charAt(0) == '+' || last.charAt(0) == '-')) {
                last = last.substring(1);
            }
            if (last.startsWith("L")) {
                int end = last.indexOf('<');
                return last.substring(1, end >= 0 ? end : last.indexOf(';')).replace('/', '.');
            }
        }
        var type = Type.getType(descriptor);
        if (type.getSort() == Type.METHOD) {
            type = type.getReturnType();
        }
        return type.getClassName();
    }
}
