package io.github.rollbacksafety.query.bytecode;

import io.github.rollbacksafety.query.FoldedText;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.SqlShape;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import io.github.rollbacksafety.query.mapping.AnnotationData;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one class file with ASM: the SQL-looking strings its code hands on, followed through each method by
 * {@link StringFlow} (constants, concatenation, {@code StringBuilder} chains across statements and branches,
 * {@code String.format}, with unknown parts as placeholders, see {@link FoldedText}), its {@code static final String}
 * constants and, for classes with persistence or query annotations, the annotations of the class and its members.
 * Frames are skipped (the analyzer computes its own); debug information is kept for line and variable names.
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

    /** Variants of one statement built along several ways through the code, at most. */
    private static final int MAX_VARIANTS = 4;

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
        private final Set<String> finalStatics = new HashSet<>();
        private final List<MethodNode> code = new ArrayList<>();
        private SqlUsageExtractor.Batch extractor;
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
            if ((access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_FINAL) != 0) {
                finalStatics.add(name);
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
            return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    return keep(desc, memberAnnotations);
                }

                @Override
                public void visitEnd() {
                    methods.add(new Member(name, descriptor, signature == null ? "" : signature, access,
                            firstLine(this), memberAnnotations));
                    if (StringFlow.holdsText(this)) {
                        code.add(this);
                    }
                }
            };
        }

        @Override
        public void visitEnd() {
            // the initializer first: what it sets in static final fields is known to the other methods
            code.sort(Comparator.comparing(m -> !m.name.equals("<clinit>")));
            var statics = new HashMap<String, FoldedText>();
            var internalName = className.replace('.', '/');
            for (var method : code) {
                try {
                    for (var found : StringFlow.analyze(internalName, method, statics, finalStatics)) {
                        if (!found.text().mayBeStatement()) {
                            continue;
                        }
                        for (var sql : found.text().variants(this::parses, MAX_VARIANTS)) {
                            string(sql, found.line(), method.name);
                        }
                    }
                } catch (AnalyzerException | RuntimeException e) {
                    // code the analyzer cannot follow: its string constants as they are
                    constants(method);
                }
            }
            code.clear();
        }

        private void constants(MethodNode method) {
            int line = 0;
            for (var insn : method.instructions) {
                if (insn instanceof LineNumberNode n) {
                    line = n.line;
                } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s) {
                    string(s, line, method.name);
                }
            }
        }

        /** Whether a variant of a statement built along several ways parses (to choose among the variants). */
        private boolean parses(String sql) {
            if (!SqlShape.looksLikeSql(sql)) {
                return false;
            }
            if (extractor == null) {
                extractor = new SqlUsageExtractor().batch();
            }
            try {
                extractor.extract(new Query(sql, new SourceLocation(file, 0, className), QuerySourceKind.BYTECODE_STRING));
                return true;
            } catch (UnparsableQueryException e) {
                return false;
            }
        }
    }

    private static int firstLine(MethodNode method) {
        for (var insn : method.instructions) {
            if (insn instanceof LineNumberNode n) {
                return n.line;
            }
        }
        return 0;
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
