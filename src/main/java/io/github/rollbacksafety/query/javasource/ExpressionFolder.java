package io.github.rollbacksafety.query.javasource;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import io.github.rollbacksafety.query.FoldedText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JavaParser side of the one constant folder ({@link FoldedText}): folds expressions (literals, text blocks,
 * concatenation, constants of the sources, {@code String.format}/{@code formatted}, {@code String.join},
 * {@code concat}, {@code String.valueOf}) and follows a method body statement by statement, so that SQL assembled
 * across statements ({@code StringBuilder}/{@code StringBuffer} appends, {@code sql += ...}, assignments) comes out
 * whole. Branches give a {@link FoldedText.Choice} (the union of their texts); a loop's body counts once or not at
 * all. A text is reported to the {@link Sink} where the code hands it on (a method argument, a return value, a
 * field), not while it is being built. Anything not modelled makes the value unknown, never made up: a builder
 * handed to another method gets an unknown part for what that method may append, and a builder changed in a way
 * not followed ({@code reverse}, {@code replace}...) is no longer reported.
 *
 * @param <S> how the caller describes where a name is used (for looking up constants)
 */
final class ExpressionFolder<S> {

    /** Finds the constant a name or field access stands for, with the scope its initializer is read in. */
    interface Constants<S> {
        Optional<Definition<S>> find(Expression expression, S scope);
    }

    record Definition<S>(Expression value, S scope) {
    }

    /** Receives each text the code hands on, with the node where it started (for its location). */
    interface Sink {
        void text(FoldedText text, Node origin);
    }

    private static final int MAX_CONSTANT_DEPTH = 8;
    private static final Set<String> TEXT_TYPES = Set.of("String", "java.lang.String", "CharSequence",
            "StringBuilder", "java.lang.StringBuilder", "StringBuffer", "java.lang.StringBuffer", "var");
    private static final Set<String> BUILDER_TYPES = Set.of("StringBuilder", "java.lang.StringBuilder",
            "StringBuffer", "java.lang.StringBuffer");
    /** Builder methods that do not change it. */
    private static final Set<String> READS = Set.of("length", "toString", "charAt", "indexOf", "lastIndexOf",
            "isEmpty", "substring", "chars", "capacity", "subSequence", "compareTo", "equals", "hashCode");
    /** Their string arguments are JPQL/HQL (entity names, not tables), read through the mapping model instead. */
    private static final Set<String> JPQL_CALLS = Set.of("createQuery", "createNamedQuery", "createSelectionQuery",
            "createMutationQuery");

    private final Constants<S> constants;

    ExpressionFolder(Constants<S> constants) {
        this.constants = constants;
    }

    /** The text of an expression outside any method (an annotation value, a field's initializer). */
    FoldedText fold(Expression expression, S scope) {
        var value = new Flow(scope, (t, o) -> { }, 0).eval(expression, new State());
        return value == null ? FoldedText.unknown(hint(expression)) : value.text();
    }

    /** Follows the body of a method, constructor or initializer, reporting the texts it hands on. */
    void body(Node callable, S scope, Sink sink) {
        new Flow(scope, sink, 0).callable(callable, new State());
    }

    /** Whether a callable is followed on its own (not inside another one, whose flow covers it). */
    static boolean isOutermost(Node callable) {
        var parent = callable.getParentNode();
        while (parent.isPresent()) {
            var p = parent.get();
            if (p instanceof CallableDeclaration<?> || p instanceof InitializerDeclaration
                    || p instanceof LambdaExpr) {
                return false;
            }
            parent = p.getParentNode();
        }
        return true;
    }

    /** A local variable: its text when it is one and known ({@code null} otherwise). */
    private record Local(FoldedText text, Node origin, boolean builder, boolean reference) {
    }

    /** A folded value: its text, where it started, and whether it is only a constant used as it is. */
    private record Value(FoldedText text, Node origin, boolean reference) {
    }

    /** The locals of a method at one point of its flow. */
    private static final class State {
        final Map<String, Local> locals;

        State() {
            this(new LinkedHashMap<>());
        }

        private State(Map<String, Local> locals) {
            this.locals = locals;
        }

        State copy() {
            return new State(new LinkedHashMap<>(locals));
        }

        /** The union of two ways through the code, for the locals both know (others went out of scope). */
        void merge(List<State> ways) {
            for (var name : List.copyOf(locals.keySet())) {
                var texts = new ArrayList<FoldedText>();
                var mine = locals.get(name);
                boolean known = true;
                boolean reference = mine.reference();
                for (var way : ways) {
                    var other = way.locals.get(name);
                    if (other == null || other.text() == null) {
                        known = false;
                        break;
                    }
                    texts.add(other.text());
                    reference &= other.reference();
                }
                var origin = ways.stream().map(w -> w.locals.get(name)).filter(l -> l != null && l.origin() != null)
                        .map(Local::origin).findFirst().orElse(mine.origin());
                locals.put(name, new Local(known ? FoldedText.oneOf(texts) : null, origin, mine.builder(),
                        known && reference));
            }
        }
    }

    private final class Flow {
        private final S scope;
        private final Sink sink;
        private final int depth;
        private List<Value> yields;

        Flow(S scope, Sink sink, int depth) {
            this.scope = scope;
            this.sink = sink;
            this.depth = depth;
        }

        void callable(Node callable, State state) {
            if (callable instanceof MethodDeclaration m) {
                m.getParameters().forEach(p -> declare(p.getNameAsString(), p.getTypeAsString(), null, state));
                m.getBody().ifPresent(b -> exec(b, state));
            } else if (callable instanceof ConstructorDeclaration c) {
                c.getParameters().forEach(p -> declare(p.getNameAsString(), p.getTypeAsString(), null, state));
                exec(c.getBody(), state);
            } else if (callable instanceof InitializerDeclaration i) {
                exec(i.getBody(), state);
            }
        }

        private void declare(String name, String type, Value value, State state) {
            declare(name, type, null, value, state);
        }

        private void declare(String name, String type, Expression init, Value value, State state) {
            boolean builder = BUILDER_TYPES.contains(type) || "var".equals(type) && init != null && isBuilder(init);
            if (value == null) {
                // a parameter or a value not followed: unknown text (a name in a concatenation)
                state.locals.put(name, new Local(TEXT_TYPES.contains(type) && !builder
                        ? FoldedText.unknown(name) : null, null, builder, false));
            } else {
                state.locals.put(name, new Local(value.text(), value.origin(), builder, value.reference()));
            }
        }

        private static boolean isBuilder(Expression init) {
            var current = init;
            while (current instanceof MethodCallExpr m && isBuilderChange(m.getNameAsString())
                    && m.getScope().isPresent()) {
                current = m.getScope().get();
            }
            return current instanceof ObjectCreationExpr c && BUILDER_TYPES.contains(c.getType().getNameAsString());
        }

        // ---- statements

        void exec(Statement statement, State state) {
            if (statement instanceof BlockStmt block) {
                block.getStatements().forEach(s -> exec(s, state));
            } else if (statement instanceof ExpressionStmt e) {
                eval(e.getExpression(), state);
            } else if (statement instanceof IfStmt s) {
                sinkValue(eval(s.getCondition(), state));
                var then = state.copy();
                exec(s.getThenStmt(), then);
                var otherwise = state.copy();
                s.getElseStmt().ifPresent(e -> exec(e, otherwise));
                state.merge(List.of(then, otherwise));
            } else if (statement instanceof ForStmt s) {
                s.getInitialization().forEach(e -> eval(e, state));
                s.getCompare().ifPresent(e -> eval(e, state));
                loop(s.getBody(), state, s.getUpdate());
            } else if (statement instanceof ForEachStmt s) {
                sinkValue(eval(s.getIterable(), state));
                var body = state.copy();
                s.getVariable().getVariables().forEach(v -> declare(v.getNameAsString(), v.getTypeAsString(),
                        null, body));
                exec(s.getBody(), body);
                state.merge(List.of(state.copy(), body));
            } else if (statement instanceof WhileStmt s) {
                eval(s.getCondition(), state);
                loop(s.getBody(), state, List.of());
            } else if (statement instanceof DoStmt s) {
                exec(s.getBody(), state);
                eval(s.getCondition(), state);
            } else if (statement instanceof SwitchStmt s) {
                sinkValue(eval(s.getSelector(), state));
                var ways = new ArrayList<State>();
                boolean hasDefault = false;
                for (var entry : s.getEntries()) {
                    hasDefault |= entry.getLabels().isEmpty();
                    var way = state.copy();
                    entry.getStatements().forEach(st -> exec(st, way));
                    ways.add(way);
                }
                if (!hasDefault) {
                    ways.add(state.copy());
                }
                state.merge(ways);
            } else if (statement instanceof TryStmt s) {
                s.getResources().forEach(r -> eval(r, state));
                exec(s.getTryBlock(), state);
                var ways = new ArrayList<State>();
                ways.add(state.copy());
                for (var c : s.getCatchClauses()) {
                    var way = state.copy();
                    exec(c.getBody(), way);
                    ways.add(way);
                }
                state.merge(ways);
                s.getFinallyBlock().ifPresent(f -> exec(f, state));
            } else if (statement instanceof ReturnStmt s) {
                s.getExpression().ifPresent(e -> sinkValue(eval(e, state)));
            } else if (statement instanceof YieldStmt s) {
                var value = eval(s.getExpression(), state);
                if (yields != null) {
                    yields.add(value);
                } else {
                    sinkValue(value);
                }
            } else if (statement instanceof LabeledStmt s) {
                exec(s.getStatement(), state);
            } else if (statement instanceof SynchronizedStmt s) {
                eval(s.getExpression(), state);
                exec(s.getBody(), state);
            } else if (statement instanceof ExplicitConstructorInvocationStmt s) {
                s.getArguments().forEach(a -> sinkValue(eval(a, state)));
            } else if (statement instanceof LocalClassDeclarationStmt s) {
                members(s.getClassDeclaration().getMembers(), state);
            } else if (statement instanceof LocalRecordDeclarationStmt s) {
                members(s.getRecordDeclaration().getMembers(), state);
            } else {
                // throw, assert, explicit others: what they hold is handed on
                statement.getChildNodes().forEach(n -> {
                    if (n instanceof Expression e) {
                        sinkValue(eval(e, state));
                    } else if (n instanceof Statement st) {
                        exec(st, state);
                    }
                });
            }
        }

        /** A loop's body once (or not at all: the union of both). */
        private void loop(Statement body, State state, List<Expression> update) {
            var once = state.copy();
            exec(body, once);
            update.forEach(e -> eval(e, once));
            state.merge(List.of(state.copy(), once));
        }

        /** The methods of a local or anonymous class, which see the locals around them as they are here. */
        private void members(List<? extends BodyDeclaration<?>> members, State state) {
            for (var m : members) {
                if (m instanceof CallableDeclaration<?> || m instanceof InitializerDeclaration) {
                    callable(m, state.copy());
                }
            }
        }

        // ---- expressions

        /** Reports a value the code hands on, unless it is a constant used as it is (reported where declared). */
        private void sinkValue(Value value) {
            if (value != null && !value.reference() && value.text().hasKnownText()) {
                sink.text(value.text(), value.origin());
            }
        }

        /** The value of an expression, or null when it is not text (or not known to be). */
        Value eval(Expression e, State state) {
            if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
                return new Value(FoldedText.of(literal((LiteralStringValueExpr) e)), e, false);
            }
            if (e instanceof CharLiteralExpr c) {
                return new Value(FoldedText.of(String.valueOf(c.asChar())), e, false);
            }
            if (e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr) {
                var text = ((LiteralStringValueExpr) e).getValue().replace("_", "");
                return new Value(FoldedText.of(text.endsWith("L") || text.endsWith("l")
                        ? text.substring(0, text.length() - 1) : text), e, false);
            }
            if (e instanceof EnclosedExpr enclosed) {
                return eval(enclosed.getInner(), state);
            }
            if (e instanceof CastExpr cast) {
                return eval(cast.getExpression(), state);
            }
            if (e instanceof BinaryExpr b) {
                return binary(b, state);
            }
            if (e instanceof ConditionalExpr c) {
                sinkValue(eval(c.getCondition(), state));
                var then = eval(c.getThenExpr(), state);
                var otherwise = eval(c.getElseExpr(), state);
                if (then == null && otherwise == null) {
                    return null;
                }
                return new Value(FoldedText.oneOf(text(then, c.getThenExpr()), text(otherwise, c.getElseExpr())),
                        then != null ? then.origin() : otherwise.origin(), false);
            }
            if (e instanceof NameExpr || e instanceof FieldAccessExpr) {
                return name(e, state);
            }
            if (e instanceof VariableDeclarationExpr declaration) {
                for (var v : declaration.getVariables()) {
                    var type = v.getTypeAsString();
                    var init = v.getInitializer().orElse(null);
                    if (init == null) {
                        state.locals.put(v.getNameAsString(), new Local(null, null, BUILDER_TYPES.contains(type),
                                false));
                    } else {
                        declare(v.getNameAsString(), type, init, eval(init, state), state);
                    }
                }
                return null;
            }
            if (e instanceof AssignExpr assign) {
                return assign(assign, state);
            }
            if (e instanceof MethodCallExpr call) {
                return call(call, state);
            }
            if (e instanceof ObjectCreationExpr creation) {
                return creation(creation, state);
            }
            if (e instanceof SwitchExpr s) {
                return switchValue(s, state);
            }
            if (e instanceof LambdaExpr lambda) {
                var inner = new Flow(scope, sink, depth);
                var copy = state.copy();
                lambda.getParameters().forEach(p -> declare(p.getNameAsString(), p.getTypeAsString(), null, copy));
                if (lambda.getBody() instanceof ExpressionStmt body) {
                    inner.sinkValue(inner.eval(body.getExpression(), copy));
                } else {
                    inner.exec(lambda.getBody(), copy);
                }
                return null;
            }
            // anything else (array initializers, comparisons, instanceof...): what it holds is handed on
            for (var child : e.getChildNodes()) {
                if (child instanceof Expression x) {
                    sinkValue(eval(x, state));
                }
            }
            return null;
        }

        private Value binary(BinaryExpr b, State state) {
            if (b.getOperator() != BinaryExpr.Operator.PLUS) {
                sinkValue(eval(b.getLeft(), state));
                sinkValue(eval(b.getRight(), state));
                return null;
            }
            var left = eval(b.getLeft(), state);
            var right = eval(b.getRight(), state);
            if (left == null && right == null) {
                return null; // a sum of numbers, or of values that are not known to be text
            }
            return new Value(text(left, b.getLeft()).plus(text(right, b.getRight())),
                    left != null ? left.origin() : b, false);
        }

        private FoldedText text(Value value, Expression e) {
            return value == null ? FoldedText.unknown(hint(e)) : value.text();
        }

        private Value name(Expression e, State state) {
            if (e instanceof NameExpr n) {
                var local = state.locals.get(n.getNameAsString());
                if (local != null) {
                    return local.text() == null ? null : new Value(local.text(), local.origin() == null ? e
                            : local.origin(), local.reference());
                }
            } else if (e instanceof FieldAccessExpr f && !(f.getScope() instanceof NameExpr
                    || f.getScope() instanceof FieldAccessExpr || f.getScope().isThisExpr())) {
                sinkValue(eval(f.getScope(), state));
                return null;
            }
            if (depth >= MAX_CONSTANT_DEPTH) {
                return null;
            }
            var definition = constants.find(e, scope);
            if (definition.isEmpty()) {
                return null;
            }
            var value = new Flow(definition.get().scope(), (t, o) -> { }, depth + 1)
                    .eval(definition.get().value(), new State());
            return value == null ? null : new Value(value.text(), e, true);
        }

        private Value assign(AssignExpr assign, State state) {
            var value = eval(assign.getValue(), state);
            if (assign.getTarget() instanceof NameExpr n && state.locals.containsKey(n.getNameAsString())) {
                var name = n.getNameAsString();
                var local = state.locals.get(name);
                if (assign.getOperator() == AssignExpr.Operator.ASSIGN) {
                    var updated = new Local(value == null ? null : value.text(),
                            value == null ? null : value.origin(), local.builder(), value != null && value.reference());
                    state.locals.put(name, updated);
                    return value;
                }
                if (assign.getOperator() == AssignExpr.Operator.PLUS && local.text() != null) {
                    var text = local.text().plus(text(value, assign.getValue()));
                    var origin = local.origin() != null ? local.origin() : value != null ? value.origin() : assign;
                    state.locals.put(name, new Local(text, origin, local.builder(), false));
                    return new Value(text, origin, false);
                }
                state.locals.put(name, new Local(null, null, local.builder(), false));
                return null;
            }
            // a field, an array element: the text is handed on
            sinkValue(value);
            return null;
        }

        private Value creation(ObjectCreationExpr creation, State state) {
            var type = creation.getType().getNameAsString();
            var args = creation.getArguments();
            creation.getAnonymousClassBody().ifPresent(body -> members(body, state));
            if (BUILDER_TYPES.contains(type) || type.equals("String")) {
                if (args.isEmpty()) {
                    return new Value(FoldedText.EMPTY, creation, false);
                }
                var value = eval(args.get(0), state);
                if (args.size() == 1 && value != null && !(args.get(0) instanceof IntegerLiteralExpr)) {
                    return new Value(value.text(), value.origin(), false);
                }
                if (args.size() == 1 && args.get(0) instanceof IntegerLiteralExpr) {
                    return new Value(FoldedText.EMPTY, creation, false); // a capacity
                }
                return null;
            }
            args.forEach(a -> sinkValue(eval(a, state)));
            return null;
        }

        private Value switchValue(SwitchExpr s, State state) {
            sinkValue(eval(s.getSelector(), state));
            var values = new ArrayList<Value>();
            for (SwitchEntry entry : s.getEntries()) {
                var way = state.copy();
                var statements = entry.getStatements();
                if (statements.size() == 1 && statements.get(0) instanceof ExpressionStmt only) {
                    values.add(eval(only.getExpression(), way));
                } else {
                    var outer = yields;
                    yields = values;
                    statements.forEach(st -> exec(st, way));
                    yields = outer;
                }
            }
            if (values.stream().allMatch(v -> v == null)) {
                return null;
            }
            var texts = values.stream().map(v -> v == null ? FoldedText.unknown("case") : v.text()).toList();
            var origin = values.stream().filter(v -> v != null).findFirst().get().origin();
            return new Value(FoldedText.oneOf(texts), origin, false);
        }

        private Value call(MethodCallExpr call, State state) {
            var name = call.getNameAsString();
            var args = call.getArguments();
            var receiver = call.getScope().orElse(null);
            if (receiver instanceof NameExpr n && n.getNameAsString().equals("String")
                    && !state.locals.containsKey("String")) {
                if (name.equals("format") && !args.isEmpty()) {
                    return format(call, args, state);
                }
                if (name.equals("join") && args.size() >= 2) {
                    return join(call, args, state);
                }
                if ((name.equals("valueOf") || name.equals("copyValueOf")) && args.size() == 1) {
                    var value = eval(args.get(0), state);
                    return new Value(text(value, args.get(0)), value != null ? value.origin() : call, false);
                }
                return arguments(call, state);
            }
            if (receiver == null) {
                return arguments(call, state);
            }
            var target = receiver instanceof NameExpr n ? state.locals.get(n.getNameAsString()) : null;
            if (target != null && target.builder() && !READS.contains(name) && !isBuilderChange(name)) {
                // a change not followed: the builder's text is no longer known
                state.locals.put(((NameExpr) receiver).getNameAsString(), new Local(null, null, true, false));
                return arguments(call, state);
            }
            var self = eval(receiver, state);
            if (self == null || JPQL_CALLS.contains(name)) {
                return arguments(call, state);
            }
            Value result = switch (name) {
                case "append", "concat" -> args.size() == 1 ? appended(self, args.get(0), state) : null;
                case "insert" -> insert(self, args, state);
                case "setLength" -> setLength(self, receiver, args);
                case "deleteCharAt" -> deleteLast(self, receiver, args);
                case "toString", "trim", "strip", "stripTrailing", "stripLeading", "stripIndent", "intern" ->
                        new Value(self.text(), self.origin(), self.reference());
                case "formatted" -> formatted(self, args, state);
                case "toUpperCase", "toLowerCase" -> self.text().constant().map(t -> new Value(FoldedText.of(
                        name.equals("toUpperCase") ? t.toUpperCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT)),
                        self.origin(), self.reference())).orElse(null);
                case "replace" -> replace(self, args, state);
                // a method of a text that gives something else (length, equals, split...)
                default -> arguments(call, state);
            };
            if (isBuilderChange(name)) {
                var root = chainRoot(receiver);
                if (root != null && state.locals.get(root) != null && state.locals.get(root).builder()) {
                    state.locals.put(root, new Local(result == null ? null : result.text(),
                            result == null ? null : result.origin(), true, false));
                }
            }
            return result;
        }

        private static boolean isBuilderChange(String name) {
            return name.equals("append") || name.equals("insert") || name.equals("setLength")
                    || name.equals("deleteCharAt");
        }

        /** The local a chain of builder changes starts from ({@code sb.append(a).append(b)}), if any. */
        private String chainRoot(Expression receiver) {
            var current = receiver;
            while (current instanceof MethodCallExpr m && isBuilderChange(m.getNameAsString())
                    && m.getScope().isPresent()) {
                current = m.getScope().get();
            }
            return current instanceof NameExpr n ? n.getNameAsString() : null;
        }

        private Value appended(Value self, Expression arg, State state) {
            var value = eval(arg, state);
            var origin = self.text().hasKnownText() || value == null ? self.origin() : value.origin();
            return new Value(self.text().plus(text(value, arg)), origin, false);
        }

        private Value insert(Value self, List<Expression> args, State state) {
            if (args.size() == 2 && args.get(0) instanceof IntegerLiteralExpr i && i.asNumber().intValue() == 0) {
                var value = eval(args.get(1), state);
                return new Value(text(value, args.get(1)).plus(self.text()), self.origin(), false);
            }
            args.forEach(a -> eval(a, state));
            return null;
        }

        private Value setLength(Value self, Expression receiver, List<Expression> args) {
            if (args.size() == 1 && args.get(0) instanceof IntegerLiteralExpr i && i.asNumber().intValue() == 0) {
                return new Value(FoldedText.EMPTY, null, false);
            }
            return args.size() == 1 ? trimmed(self, receiver, args.get(0)) : null;
        }

        private Value deleteLast(Value self, Expression receiver, List<Expression> args) {
            return args.size() == 1 ? trimmed(self, receiver, args.get(0)) : null;
        }

        /** {@code sb.setLength(sb.length() - n)} / {@code sb.deleteCharAt(sb.length() - 1)}: the last chars go. */
        private Value trimmed(Value self, Expression receiver, Expression arg) {
            if (arg instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.MINUS
                    && b.getLeft() instanceof MethodCallExpr length && length.getNameAsString().equals("length")
                    && length.getScope().map(s -> s.toString().equals(receiver.toString())).orElse(false)
                    && b.getRight() instanceof IntegerLiteralExpr n) {
                return self.text().dropLast(n.asNumber().intValue())
                        .map(t -> new Value(t, self.origin(), false)).orElse(null);
            }
            return null;
        }

        private Value replace(Value self, List<Expression> args, State state) {
            var values = args.stream().map(a -> eval(a, state)).toList();
            var text = self.text().constant();
            if (args.size() == 2 && text.isPresent() && values.stream().allMatch(v -> v != null
                    && v.text().constant().isPresent())) {
                return new Value(FoldedText.of(text.get().replace(values.get(0).text().constant().get(),
                        values.get(1).text().constant().get())), self.origin(), self.reference());
            }
            return null;
        }

        private Value format(MethodCallExpr call, List<Expression> args, State state) {
            var values = new ArrayList<Value>();
            args.forEach(a -> values.add(eval(a, state)));
            int first = 0;
            // String.format(Locale, format, args...): the format is the first argument that is known text
            if (values.get(0) == null && values.size() > 1 && values.get(1) != null) {
                first = 1;
            }
            return formatted(values.get(first), args.subList(first + 1, args.size()),
                    values.subList(first + 1, values.size()), call);
        }

        private Value formatted(Value self, List<Expression> args, State state) {
            var values = new ArrayList<Value>();
            args.forEach(a -> values.add(eval(a, state)));
            return formatted(self, args, values, null);
        }

        private Value formatted(Value format, List<Expression> args, List<Value> values, Expression call) {
            var pattern = format == null ? Optional.<String>empty() : format.text().constant();
            if (pattern.isEmpty()) {
                values.forEach(this::sinkValue);
                return null;
            }
            var texts = new ArrayList<FoldedText>();
            for (int i = 0; i < args.size(); i++) {
                texts.add(text(values.get(i), args.get(i)));
            }
            return FoldedText.format(pattern.get(), texts)
                    .map(t -> new Value(t, format.origin() != null ? format.origin() : call, false)).orElse(null);
        }

        private Value join(MethodCallExpr call, List<Expression> args, State state) {
            var delimiter = eval(args.get(0), state);
            List<Expression> elements = args.subList(1, args.size());
            if (elements.size() == 1 && elements.get(0) instanceof MethodCallExpr list
                    && Set.of("of", "asList").contains(list.getNameAsString())) {
                elements = list.getArguments();
            } else if (elements.size() == 1 && !(elements.get(0) instanceof StringLiteralExpr)) {
                sinkValue(eval(elements.get(0), state));
                return new Value(FoldedText.unknown(hint(elements.get(0))), call, false);
            }
            var texts = new ArrayList<FoldedText>();
            Node origin = null;
            for (var element : elements) {
                var value = eval(element, state);
                texts.add(text(value, element));
                if (origin == null && value != null) {
                    origin = value.origin();
                }
            }
            return new Value(FoldedText.join(text(delimiter, args.get(0)), texts), origin != null ? origin : call,
                    false);
        }

        /** A method not followed: its text arguments are handed on; a builder handed to it may grow there. */
        private Value arguments(MethodCallExpr call, State state) {
            for (var arg : call.getArguments()) {
                if (arg instanceof NameExpr n && state.locals.containsKey(n.getNameAsString())
                        && state.locals.get(n.getNameAsString()).builder()) {
                    escape(n.getNameAsString(), call.getNameAsString(), state);
                } else if (!JPQL_CALLS.contains(call.getNameAsString()) || !isWrittenText(arg)) {
                    // JPQL written in place is read by the mapping front end; built elsewhere, it is claimed later
                    sinkValue(eval(arg, state));
                } else {
                    eval(arg, state);
                }
            }
            return null;
        }

        private static boolean isWrittenText(Expression e) {
            return e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr || e instanceof BinaryExpr
                    || e instanceof EnclosedExpr;
        }

        /** A builder handed to another method, which may append to it: an unknown part from there on. */
        private void escape(String name, String method, State state) {
            var local = state.locals.get(name);
            if (local.text() != null) {
                state.locals.put(name, new Local(local.text().plus(FoldedText.clause(method)), local.origin(), true,
                        false));
            }
        }
    }

    /** What names an unknown part: the variable, field or method it comes from. */
    static String hint(Expression e) {
        if (e instanceof NameExpr n) {
            return n.getNameAsString();
        }
        if (e instanceof FieldAccessExpr f) {
            return f.getNameAsString();
        }
        if (e instanceof MethodCallExpr m) {
            return m.getNameAsString();
        }
        if (e instanceof EnclosedExpr enclosed) {
            return hint(enclosed.getInner());
        }
        return "value";
    }

    static String literal(LiteralStringValueExpr expression) {
        try {
            return expression instanceof TextBlockLiteralExpr block ? block.asString()
                    : ((StringLiteralExpr) expression).asString();
        } catch (RuntimeException e) {
            // an escape JavaParser cannot translate: the text as written is still the best we have
            return expression.getValue();
        }
    }
}
