package io.github.rollbacksafety.query.bytecode;

import io.github.rollbacksafety.query.FoldedText;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bytecode side of the one constant folder ({@link FoldedText}): follows strings through one method's code
 * with ASM's data-flow {@link Analyzer}, so that SQL assembled across statements comes out whole, as the Java
 * source front end folds it: {@code StringBuilder}/{@code StringBuffer} appends (the builder followed through
 * locals and the stack), {@code invokedynamic} concatenation with its dynamic arguments, {@code String.format} and
 * {@code formatted} with the argument array, {@code String.join}, {@code concat}, {@code valueOf}, and static
 * fields the class's initializer sets. Where two ways through the code meet, their texts become a
 * {@link FoldedText.Choice}; a loop's body counts once or not at all. A text is reported where the code hands it on
 * (a method argument, a return value, a field), with the line where its known text starts.
 */
final class StringFlow {

    /** A text handed on, with the line its known text starts at. */
    record Found(FoldedText text, int line) {
    }

    private static final String STRING = "java/lang/String";
    private static final Set<String> BUILDERS = Set.of("java/lang/StringBuilder", "java/lang/StringBuffer");
    /** Builder and string methods that change nothing and hand nothing on. */
    private static final Set<String> READS = Set.of("length", "charAt", "indexOf", "lastIndexOf", "isEmpty",
            "isBlank", "capacity", "chars", "equals", "equalsIgnoreCase", "hashCode", "compareTo", "contains",
            "startsWith", "endsWith", "matches", "codePointAt", "contentEquals", "regionMatches");
    /** Text-growing merges allowed at one point of the code before its texts stay as they are. */
    private static final int MAX_MERGES = 8;
    /** Choices one text may hold before unions stop growing it (generated code, long branchy methods). */
    private static final int MAX_CHOICES = 16;
    private static final int MAX_ARRAY = 64;

    private StringFlow() {
    }

    /**
     * The texts a method hands on.
     *
     * @param owner   the class's internal name
     * @param statics      texts of the class's static fields its initializer set (filled when {@code method} is it)
     * @param finalStatics the class's {@code static final} fields (only they keep what the initializer set)
     * @throws AnalyzerException when the code cannot be followed (the caller falls back to its constants)
     */
    static List<Found> analyze(String owner, MethodNode method, Map<String, FoldedText> statics,
                               Set<String> finalStatics) throws AnalyzerException {
        var interpreter = new Texts(owner, method, statics, finalStatics);
        var analyzer = new Analyzer<Slot>(interpreter) {
            @Override
            protected Frame<Slot> newFrame(int numLocals, int numStack) {
                return new TextFrame(numLocals, numStack);
            }

            @Override
            protected Frame<Slot> newFrame(Frame<? extends Slot> frame) {
                return new TextFrame(frame);
            }
        };
        analyzer.analyze(owner, method);
        return List.copyOf(interpreter.sinks.values());
    }

    /** Whether a method holds any string constant or concatenation, i.e. whether following it can find text. */
    static boolean holdsText(MethodNode method) {
        for (var insn : method.instructions) {
            if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String
                    || insn instanceof InvokeDynamicInsnNode
                    || insn instanceof FieldInsnNode f && f.getOpcode() == Opcodes.GETSTATIC
                    && f.desc.equals("Ljava/lang/String;")) {
                return true;
            }
        }
        return false;
    }

    private enum Kind { OTHER, STRING, BUILDER, ARRAY, INT, LENGTH }

    /**
     * What the analysis knows of one local or stack slot. {@code object} identifies a builder or array (the
     * instruction that made it) so that a change through one reference is seen through all.
     */
    static final class Slot implements Value {
        final int size;
        final Kind kind;
        final FoldedText text;
        final int object;
        final List<FoldedText> elements;
        final int number;
        final int line;
        final String hint;

        private Slot(int size, Kind kind, FoldedText text, int object, List<FoldedText> elements, int number,
                     int line, String hint) {
            this.size = size;
            this.kind = kind;
            this.text = text;
            this.object = object;
            this.elements = elements;
            this.number = number;
            this.line = line;
            this.hint = hint;
        }

        static Slot other(int size, String hint) {
            return new Slot(size, Kind.OTHER, null, -1, null, 0, 0, hint);
        }

        static Slot string(FoldedText text, int line) {
            return new Slot(1, Kind.STRING, text, -1, null, 0, line, null);
        }

        static Slot builder(int object, FoldedText text, int line) {
            return new Slot(1, Kind.BUILDER, text, object, null, 0, line, null);
        }

        static Slot array(int object, List<FoldedText> elements) {
            return new Slot(1, Kind.ARRAY, null, object, elements, 0, 0, null);
        }

        static Slot integer(int value) {
            return new Slot(1, Kind.INT, null, -1, null, value, 0, null);
        }

        /** {@code builder.length() - minus}. */
        static Slot length(int object, int minus) {
            return new Slot(1, Kind.LENGTH, null, object, null, minus, 0, null);
        }

        Slot withHint(String h) {
            return new Slot(size, kind, text, object, elements, number, line, h);
        }

        @Override
        public int getSize() {
            return size;
        }

        /** The text this slot contributes to a concatenation: known text, or an unknown part. */
        FoldedText asText() {
            if (kind == Kind.STRING && text != null) {
                return text;
            }
            if (kind == Kind.INT) {
                return FoldedText.of(Integer.toString(number));
            }
            if (kind == Kind.BUILDER && text != null) {
                return text;
            }
            return FoldedText.unknown(hint == null ? "value" : hint);
        }

        boolean knownText() {
            return (kind == Kind.STRING || kind == Kind.BUILDER) && text != null && text.hasKnownText();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s && s.size == size && s.kind == kind && Objects.equals(s.text, text)
                    && s.object == object && Objects.equals(s.elements, elements) && s.number == number
                    && s.line == line && Objects.equals(s.hint, hint);
        }

        @Override
        public int hashCode() {
            return Objects.hash(size, kind, text, object, number, line);
        }
    }

    /** A frame that applies a builder's or array's change to every slot holding the same object. */
    private static final class TextFrame extends Frame<Slot> {

        TextFrame(int numLocals, int numStack) {
            super(numLocals, numStack);
        }

        TextFrame(Frame<? extends Slot> frame) {
            super(frame);
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<Slot> interpreter) throws AnalyzerException {
            var texts = (Texts) interpreter;
            texts.changed = null;
            super.execute(insn, interpreter);
            var changed = texts.changed;
            if (changed != null) {
                for (int i = 0; i < getLocals(); i++) {
                    var slot = getLocal(i);
                    if (slot != null && slot.object == changed.object && slot.kind == changed.kind) {
                        setLocal(i, changed);
                    }
                }
                for (int i = 0; i < getStackSize(); i++) {
                    var slot = getStack(i);
                    if (slot != null && slot.object == changed.object && slot.kind == changed.kind) {
                        setStack(i, changed);
                    }
                }
            }
        }

        @Override
        public boolean merge(Frame<? extends Slot> frame, Interpreter<Slot> interpreter) throws AnalyzerException {
            // the slots of one merge are judged by the merges this point had before (not by each other)
            var texts = (Texts) interpreter;
            var count = texts.merges.computeIfAbsent(this, f -> new int[1]);
            texts.priorMerges = count[0];
            texts.grew = false;
            boolean changed = super.merge(frame, interpreter);
            if (texts.grew) {
                count[0]++;
            }
            return changed;
        }
    }

    /** The interpreter: what each instruction makes of the slots it reads. */
    private static final class Texts extends Interpreter<Slot> {
        private final String owner;
        private final MethodNode method;
        private final Map<String, FoldedText> statics;
        private final Set<String> finalStatics;
        private final int[] lines;
        private final String[] localNames;
        final Map<Long, Found> sinks = new LinkedHashMap<>();
        final Map<Frame<Slot>, int[]> merges = new IdentityHashMap<>();
        Slot changed;
        int priorMerges;
        boolean grew;

        Texts(String owner, MethodNode method, Map<String, FoldedText> statics, Set<String> finalStatics) {
            super(Opcodes.ASM9);
            this.owner = owner;
            this.method = method;
            this.statics = statics;
            this.finalStatics = finalStatics;
            this.lines = new int[method.instructions.size()];
            int line = 0;
            int i = 0;
            for (var insn : method.instructions) {
                if (insn instanceof LineNumberNode n) {
                    line = n.line;
                }
                lines[i++] = line;
            }
            this.localNames = new String[Math.max(1, method.maxLocals)];
            if (method.localVariables != null) {
                for (var v : method.localVariables) {
                    if (v.index < localNames.length && localNames[v.index] == null) {
                        localNames[v.index] = v.name;
                    }
                }
            }
        }

        private int index(AbstractInsnNode insn) {
            return method.instructions.indexOf(insn);
        }

        private int line(AbstractInsnNode insn) {
            return lines[index(insn)];
        }

        /** Reports a text handed on at an instruction (the last analysis of the instruction wins). */
        private void sink(AbstractInsnNode insn, int position, Slot slot) {
            if (slot == null) {
                return;
            }
            if (slot.knownText()) {
                sinks.put(((long) index(insn) << 8) | position, new Found(slot.text, slot.line > 0 ? slot.line
                        : line(insn)));
            } else if (slot.kind == Kind.ARRAY) {
                for (int i = 0; i < slot.elements.size(); i++) {
                    var e = slot.elements.get(i);
                    if (e != null && e.hasKnownText()) {
                        sinks.put(((long) index(insn) << 8) | Math.min(255, position + 16 + i),
                                new Found(e, line(insn)));
                    }
                }
            }
        }

        @Override
        public Slot newValue(Type type) {
            if (type == Type.VOID_TYPE) {
                return null;
            }
            return Slot.other(type == null ? 1 : type.getSize(), null);
        }

        @Override
        public Slot newOperation(AbstractInsnNode insn) {
            int op = insn.getOpcode();
            if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) {
                return Slot.integer(op - Opcodes.ICONST_0);
            }
            switch (op) {
                case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1 -> {
                    return Slot.other(2, null);
                }
                case Opcodes.BIPUSH, Opcodes.SIPUSH -> {
                    return Slot.integer(((IntInsnNode) insn).operand);
                }
                case Opcodes.LDC -> {
                    var cst = ((LdcInsnNode) insn).cst;
                    if (cst instanceof String s) {
                        return Slot.string(FoldedText.of(s), line(insn));
                    }
                    if (cst instanceof Integer i) {
                        return Slot.integer(i);
                    }
                    return Slot.other(cst instanceof Long || cst instanceof Double ? 2 : 1, null);
                }
                case Opcodes.GETSTATIC -> {
                    var f = (FieldInsnNode) insn;
                    var known = f.owner.equals(owner) ? statics.get(f.name) : null;
                    return known != null ? Slot.string(known, line(insn))
                            : Slot.other(Type.getType(f.desc).getSize(), f.name);
                }
                case Opcodes.NEW -> {
                    var type = ((TypeInsnNode) insn).desc;
                    return BUILDERS.contains(type) ? Slot.builder(index(insn), FoldedText.EMPTY, 0)
                            : Slot.other(1, null);
                }
                default -> {
                    return Slot.other(1, null);
                }
            }
        }

        @Override
        public Slot copyOperation(AbstractInsnNode insn, Slot value) {
            if (insn instanceof VarInsnNode v && insn.getOpcode() <= Opcodes.ALOAD && value.kind == Kind.OTHER
                    && v.var < localNames.length && localNames[v.var] != null) {
                return value.withHint(localNames[v.var]);
            }
            return value;
        }

        @Override
        public Slot unaryOperation(AbstractInsnNode insn, Slot value) {
            int op = insn.getOpcode();
            switch (op) {
                case Opcodes.LNEG, Opcodes.DNEG, Opcodes.I2L, Opcodes.I2D, Opcodes.L2D, Opcodes.F2L, Opcodes.F2D,
                     Opcodes.D2L -> {
                    return Slot.other(2, null);
                }
                case Opcodes.I2C, Opcodes.I2B, Opcodes.I2S -> {
                    return value.kind == Kind.INT ? value : Slot.other(1, null);
                }
                case Opcodes.CHECKCAST -> {
                    return value;
                }
                case Opcodes.ANEWARRAY -> {
                    if (value.kind == Kind.INT && value.number >= 0 && value.number <= MAX_ARRAY) {
                        return Slot.array(index(insn), Arrays.asList(new FoldedText[value.number]));
                    }
                    return Slot.other(1, null);
                }
                case Opcodes.GETFIELD -> {
                    var f = (FieldInsnNode) insn;
                    return Slot.other(Type.getType(f.desc).getSize(), f.name);
                }
                case Opcodes.PUTSTATIC -> {
                    var f = (FieldInsnNode) insn;
                    if (method.name.equals("<clinit>") && f.owner.equals(owner) && finalStatics.contains(f.name)
                            && value.kind == Kind.STRING && value.text != null) {
                        statics.put(f.name, value.text);
                    }
                    sink(insn, 0, value);
                    return null;
                }
                case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE,
                     Opcodes.IFNULL, Opcodes.IFNONNULL, Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH,
                     Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN,
                     Opcodes.ATHROW, Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> {
                    return null;
                }
                default -> {
                    return Slot.other(1, null);
                }
            }
        }

        @Override
        public Slot binaryOperation(AbstractInsnNode insn, Slot value1, Slot value2) {
            int op = insn.getOpcode();
            switch (op) {
                case Opcodes.ISUB -> {
                    if (value1.kind == Kind.LENGTH && value2.kind == Kind.INT) {
                        return Slot.length(value1.object, value1.number + value2.number);
                    }
                    return value1.kind == Kind.INT && value2.kind == Kind.INT
                            ? Slot.integer(value1.number - value2.number) : Slot.other(1, null);
                }
                case Opcodes.IADD -> {
                    return value1.kind == Kind.INT && value2.kind == Kind.INT
                            ? Slot.integer(value1.number + value2.number) : Slot.other(1, null);
                }
                case Opcodes.LADD, Opcodes.LSUB, Opcodes.LMUL, Opcodes.LDIV, Opcodes.LREM, Opcodes.LSHL,
                     Opcodes.LSHR, Opcodes.LUSHR, Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR, Opcodes.DADD,
                     Opcodes.DSUB, Opcodes.DMUL, Opcodes.DDIV, Opcodes.DREM, Opcodes.LALOAD, Opcodes.DALOAD -> {
                    return Slot.other(2, null);
                }
                case Opcodes.AALOAD -> {
                    if (value1.kind == Kind.ARRAY && value2.kind == Kind.INT && value2.number >= 0
                            && value2.number < value1.elements.size() && value1.elements.get(value2.number) != null) {
                        return Slot.string(value1.elements.get(value2.number), line(insn));
                    }
                    return Slot.other(1, null);
                }
                case Opcodes.PUTFIELD -> {
                    sink(insn, 0, value2);
                    return null;
                }
                case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE, Opcodes.IF_ICMPGT,
                     Opcodes.IF_ICMPLE, Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE -> {
                    return null;
                }
                default -> {
                    return Slot.other(1, null);
                }
            }
        }

        @Override
        public Slot ternaryOperation(AbstractInsnNode insn, Slot value1, Slot value2, Slot value3) {
            if (insn.getOpcode() == Opcodes.AASTORE && value1.kind == Kind.ARRAY && value2.kind == Kind.INT
                    && value2.number >= 0 && value2.number < value1.elements.size()) {
                var elements = new ArrayList<>(value1.elements);
                elements.set(value2.number, value3.asText());
                changed = Slot.array(value1.object, elements);
                return null;
            }
            if (insn.getOpcode() == Opcodes.AASTORE) {
                sink(insn, 0, value3);
            }
            return null;
        }

        @Override
        public Slot naryOperation(AbstractInsnNode insn, List<? extends Slot> values) {
            if (insn instanceof InvokeDynamicInsnNode indy) {
                return invokeDynamic(indy, values);
            }
            if (!(insn instanceof MethodInsnNode call)) {
                return Slot.other(1, null); // MULTIANEWARRAY
            }
            var returnType = Type.getReturnType(call.desc);
            boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
            var receiver = isStatic ? null : values.get(0);
            var args = values.subList(isStatic ? 0 : 1, values.size());
            if (BUILDERS.contains(call.owner) && receiver != null && receiver.kind == Kind.BUILDER) {
                return builderCall(call, receiver, args, returnType);
            }
            if (call.owner.equals(STRING)) {
                var result = stringCall(call, receiver, args);
                if (result != null) {
                    return result;
                }
                if (READS.contains(call.name)) {
                    return newValue(returnType);
                }
            }
            if (isStatic && (call.owner.equals("java/lang/Integer") || call.owner.equals("java/lang/Long"))
                    && call.name.equals("valueOf") && args.size() == 1 && args.get(0).kind == Kind.INT) {
                return args.get(0);
            }
            if (isStatic && call.name.equals("of") && (call.owner.equals("java/util/List")
                    || call.owner.equals("java/util/Set") || call.owner.equals("java/util/stream/Stream"))) {
                if (args.size() == 1 && args.get(0).kind == Kind.ARRAY) {
                    return args.get(0);
                }
                if (args.size() <= MAX_ARRAY) {
                    var elements = new ArrayList<FoldedText>();
                    args.forEach(a -> elements.add(a.kind == Kind.STRING || a.knownText() ? a.asText() : null));
                    return Slot.array(index(insn), elements);
                }
            }
            if (isStatic && call.owner.equals("java/util/Arrays") && call.name.equals("asList") && args.size() == 1
                    && args.get(0).kind == Kind.ARRAY) {
                return args.get(0);
            }
            return handedOn(call, call.name, values, returnType);
        }

        /** A call not followed: the texts it gets are handed on; a builder it gets may grow there. */
        private Slot handedOn(AbstractInsnNode insn, String name, List<? extends Slot> values, Type returnType) {
            for (int i = 0; i < values.size(); i++) {
                var v = values.get(i);
                if (v.kind == Kind.BUILDER && v.text != null) {
                    changed = Slot.builder(v.object, v.text.plus(FoldedText.clause(name)), v.line);
                } else {
                    sink(insn, i, v);
                }
            }
            return returnType == Type.VOID_TYPE ? null : Slot.other(returnType.getSize(), name);
        }

        private Slot builderCall(MethodInsnNode call, Slot builder, List<? extends Slot> args, Type returnType) {
            var text = builder.text;
            switch (call.name) {
                case "<init>" -> {
                    var initial = args.isEmpty() || call.desc.equals("(I)V") ? FoldedText.EMPTY
                            : args.get(0).asText();
                    changed = Slot.builder(builder.object, initial, args.isEmpty() || !args.get(0).knownText()
                            ? 0 : args.get(0).line);
                    return null;
                }
                case "append" -> {
                    if (text == null || args.size() != 1) {
                        return opaque(builder);
                    }
                    var arg = args.get(0);
                    var piece = call.desc.startsWith("(C)") && arg.kind == Kind.INT
                            ? FoldedText.of(String.valueOf((char) arg.number)) : arg.asText();
                    int line = builder.line > 0 && text.hasKnownText() ? builder.line : arg.line;
                    changed = Slot.builder(builder.object, text.plus(piece), line);
                    return changed;
                }
                case "insert" -> {
                    if (text != null && args.size() == 2 && args.get(0).kind == Kind.INT && args.get(0).number == 0
                            && !call.desc.startsWith("(IC)")) {
                        changed = Slot.builder(builder.object, args.get(1).asText().plus(text), builder.line);
                        return changed;
                    }
                    return opaque(builder);
                }
                case "setLength", "deleteCharAt" -> {
                    var arg = args.get(0);
                    if (text != null && call.name.equals("setLength") && arg.kind == Kind.INT && arg.number == 0) {
                        changed = Slot.builder(builder.object, FoldedText.EMPTY, 0);
                        return null;
                    }
                    boolean last = call.name.equals("deleteCharAt") ? arg.kind == Kind.LENGTH && arg.number == 1
                            : arg.kind == Kind.LENGTH;
                    if (text != null && last && arg.object == builder.object) {
                        var trimmed = text.dropLast(call.name.equals("deleteCharAt") ? 1 : arg.number);
                        changed = Slot.builder(builder.object, trimmed.orElse(null), builder.line);
                        return call.name.equals("deleteCharAt") ? changed : null;
                    }
                    opaque(builder);
                    return returnType == Type.VOID_TYPE ? null : changed;
                }
                case "toString" -> {
                    return text == null ? Slot.other(1, "toString") : Slot.string(text, builder.line);
                }
                case "length" -> {
                    return Slot.length(builder.object, 0);
                }
                default -> {
                    if (READS.contains(call.name) || call.name.equals("substring")
                            || call.name.equals("subSequence")) {
                        return newValue(returnType);
                    }
                    opaque(builder);
                    return returnType == Type.VOID_TYPE ? null
                            : returnType.getDescriptor().equals("L" + call.owner + ";") ? changed
                            : newValue(returnType);
                }
            }
        }

        /** A change not followed: the builder's text is no longer known. */
        private Slot opaque(Slot builder) {
            changed = Slot.builder(builder.object, null, 0);
            return changed;
        }

        /** A {@code java.lang.String} method the folder knows, or null. */
        private Slot stringCall(MethodInsnNode call, Slot receiver, List<? extends Slot> args) {
            int line = receiver != null && receiver.knownText() ? receiver.line : 0;
            switch (call.name) {
                case "format" -> {
                    int first = call.desc.startsWith("(Ljava/util/Locale;") ? 1 : 0;
                    if (args.size() == first + 2) {
                        return format(args.get(first), args.get(first + 1));
                    }
                    return null;
                }
                case "formatted" -> {
                    return receiver != null && args.size() == 1 ? format(receiver, args.get(0)) : null;
                }
                case "join" -> {
                    if (args.size() == 2 && args.get(1).kind == Kind.ARRAY) {
                        var elements = args.get(1).elements.stream()
                                .map(e -> e == null ? FoldedText.unknown("element") : e).toList();
                        var joined = FoldedText.join(args.get(0).asText(), elements);
                        return Slot.string(joined, 0);
                    }
                    return null;
                }
                case "concat" -> {
                    if (receiver != null && receiver.kind == Kind.STRING && args.size() == 1) {
                        return Slot.string(receiver.asText().plus(args.get(0).asText()),
                                line > 0 ? line : args.get(0).line);
                    }
                    return null;
                }
                case "valueOf", "copyValueOf" -> {
                    if (args.size() == 1 && (args.get(0).kind == Kind.STRING || args.get(0).kind == Kind.INT
                            || args.get(0).knownText())) {
                        return Slot.string(args.get(0).asText(), args.get(0).line);
                    }
                    return args.size() == 1 ? Slot.string(args.get(0).asText(), 0) : null;
                }
                case "toString", "trim", "strip", "stripLeading", "stripTrailing", "stripIndent", "intern" -> {
                    return receiver != null && receiver.kind == Kind.STRING ? receiver : null;
                }
                case "toUpperCase", "toLowerCase" -> {
                    if (receiver != null && receiver.kind == Kind.STRING && receiver.text.constant().isPresent()) {
                        var t = receiver.text.constant().get();
                        return Slot.string(FoldedText.of(call.name.equals("toUpperCase") ? t.toUpperCase(Locale.ROOT)
                                : t.toLowerCase(Locale.ROOT)), line);
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
        }

        private Slot format(Slot format, Slot arguments) {
            var pattern = format.kind == Kind.STRING && format.text != null ? format.text.constant() : null;
            if (pattern == null || pattern.isEmpty()) {
                return null;
            }
            var args = arguments.kind == Kind.ARRAY ? arguments.elements.stream()
                    .map(e -> e == null ? FoldedText.unknown("arg") : e).toList() : List.<FoldedText>of();
            return FoldedText.format(pattern.get(), args).map(t -> Slot.string(t, format.line)).orElse(null);
        }

        private Slot invokeDynamic(InvokeDynamicInsnNode indy, List<? extends Slot> values) {
            var returnType = Type.getReturnType(indy.desc);
            Handle bsm = indy.bsm;
            if (!bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")
                    || !indy.name.equals("makeConcatWithConstants") || indy.bsmArgs.length == 0
                    || !(indy.bsmArgs[0] instanceof String recipe)) {
                return handedOn(indy, indy.name, values, returnType);
            }
            var text = FoldedText.EMPTY;
            var literal = new StringBuilder();
            int dynamic = 0;
            int constant = 1;
            int line = 0;
            for (int i = 0; i < recipe.length(); i++) {
                char c = recipe.charAt(i);
                if (c == '\u0001' || c == '\u0002') {
                    text = text.plus(literal.toString());
                    literal.setLength(0);
                    if (c == '\u0001') {
                        var v = dynamic < values.size() ? values.get(dynamic++) : Slot.other(1, null);
                        if (line == 0 && !text.hasKnownText() && v.knownText()) {
                            line = v.line;
                        }
                        text = text.plus(v.asText());
                    } else {
                        text = text.plus(constant < indy.bsmArgs.length ? String.valueOf(indy.bsmArgs[constant++])
                                : "");
                    }
                } else {
                    literal.append(c);
                }
            }
            text = text.plus(literal.toString());
            return Slot.string(text, line > 0 ? line : line(indy));
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, Slot value, Slot expected) {
            if (insn.getOpcode() == Opcodes.ARETURN) {
                sink(insn, 0, value);
            }
        }

        @Override
        public Slot merge(Slot value1, Slot value2) {
            if (value1.equals(value2)) {
                return value1;
            }
            if (value1.size != value2.size) {
                return Slot.other(1, null);
            }
            if (value1.kind != value2.kind || value1.object != value2.object) {
                return value1.kind == Kind.OTHER && value2.kind == Kind.OTHER && Objects.equals(value1.hint,
                        value2.hint) ? value1 : Slot.other(value1.size, value1.kind == Kind.OTHER ? value1.hint : null);
            }
            if (value1.kind == Kind.STRING && !value1.text.mayBeStatement() && !value2.text.mayBeStatement()
                    && !(isShort(value1.text) && isShort(value2.text))) {
                // two texts without a statement word (messages, keys): following their union costs more than
                // it can find; from here on the value is unknown
                return Slot.other(1, null);
            }
            return switch (value1.kind) {
                case STRING -> Slot.string(mergeText(value1.text, value2.text), line(value1, value2));
                case BUILDER -> Slot.builder(value1.object, value1.text == null || value2.text == null ? null
                        : mergeText(value1.text, value2.text), line(value1, value2));
                case ARRAY -> {
                    var elements = new ArrayList<FoldedText>();
                    for (int i = 0; i < value1.elements.size(); i++) {
                        var a = value1.elements.get(i);
                        elements.add(a != null && a.equals(value2.elements.get(i)) ? a : null);
                    }
                    yield Slot.array(value1.object, elements);
                }
                case INT, LENGTH -> value1.number == value2.number ? value1 : Slot.other(1, null);
                default -> Slot.other(value1.size, Objects.equals(value1.hint, value2.hint) ? value1.hint : null);
            };
        }

        /** A short constant (a table or column name chosen by a condition) is worth a union. */
        private static boolean isShort(FoldedText text) {
            return text.constant().map(t -> t.length() <= 64).orElse(false);
        }

        private static int line(Slot a, Slot b) {
            return a.line > 0 ? a.line : b.line;
        }

        /**
         * Where two ways meet: the union of their texts. A text that only grows again on a way back through the
         * same point (a loop's next run) is not taken; after a few unions at one point its text stays as it is.
         */
        private FoldedText mergeText(FoldedText old, FoldedText incoming) {
            if (incoming.includes(old)) {
                return incoming; // the way already taken, now with others: the union is the newer text
            }
            boolean again = priorMerges > 0 && startsWith(incoming, old);
            if (priorMerges >= MAX_MERGES || again || old.choiceCount() + incoming.choiceCount() > MAX_CHOICES) {
                return old;
            }
            grew = true;
            return FoldedText.oneOf(old, incoming);
        }

        private static boolean startsWith(FoldedText text, FoldedText prefix) {
            var parts = text.parts();
            var start = prefix.parts();
            if (start.size() > parts.size()) {
                return false;
            }
            for (int i = 0; i < start.size(); i++) {
                var p = start.get(i);
                var q = parts.get(i);
                if (!p.equals(q)) {
                    // the last known part may have grown: "a b" starts with "a"
                    return i == start.size() - 1 && p instanceof FoldedText.Known k && q instanceof FoldedText.Known l
                            && l.text().startsWith(k.text());
                }
            }
            return true;
        }
    }
}
