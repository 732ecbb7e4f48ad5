package io.github.rollbacksafety.query.javasource;

import io.github.rollbacksafety.query.FoldedText;
import io.github.rollbacksafety.query.SqlShape;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds SQL in parsed Java sources: in method bodies, every text the code hands on (a method argument, a return
 * value, a field), folded across statements by {@link ExpressionFolder} ({@code StringBuilder} appends,
 * {@code +=}, {@code String.format}, branches as a union); outside them, string literals, text blocks and
 * concatenations with constants ({@code static final String}, also from other files of the same source root); and
 * native SQL in annotations. Unknown parts become placeholders ({@link FoldedText}). Everything is judged when
 * every file has been read, because a constant may be declared in a file that comes later.
 */
final class SqlStringFinder implements JavaSourceQuerySource.UnitReader {

    /** Only names spelled like constants are looked up in concatenations; others are runtime values. */
    private static final Pattern CONSTANT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Variants of one statement built along several ways through the code, at most. */
    private static final int MAX_VARIANTS = 4;
    /** Their string arguments are JPQL/HQL (entity names, not tables), read through the mapping model instead. */
    private static final Set<String> JPQL_CALLS = Set.of("createQuery", "createNamedQuery", "createSelectionQuery",
            "createMutationQuery");

    private enum Trust { IF_LOOKS_LIKE_SQL, SQL }

    /** What names mean where a string is: the package, the enclosing classes (innermost first), the imports. */
    private record Scope(String packageName, List<String> owners, String binaryName, List<String> imports,
                         List<String> staticImports) {
    }

    private record Candidate(Expression expression, Scope scope, SourceLocation location, Trust trust) {
    }

    private record Constant(Expression value, Scope scope) {
    }

    /** A method, constructor or initializer, followed at the end when every constant is known. */
    private record Body(Node callable, FileContext context) {
    }

    private final List<Candidate> candidates = new ArrayList<>();
    private final List<Body> bodies = new ArrayList<>();
    private final ExpressionFolder<Scope> folder = new ExpressionFolder<>((e, scope) -> lookup(e, scope)
            .map(c -> new ExpressionFolder.Definition<>(c.value(), c.scope())));
    private final Map<String, Constant> constants = new HashMap<>();
    private final Map<String, List<String>> constantsBySimpleOwner = new HashMap<>();

    @Override
    public void read(JavaSourceQuerySource.ParsedJavaFile file, QueryCollector collector) {
        var unit = file.unit();
        var pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        var imports = new ArrayList<String>();
        var staticImports = new ArrayList<String>();
        for (var imp : unit.getImports()) {
            var name = imp.getNameAsString() + (imp.isAsterisk() ? ".*" : "");
            (imp.isStatic() ? staticImports : imports).add(name);
        }
        var scopes = new IdentityHashMap<Node, Scope>();
        var roots = Collections.newSetFromMap(new IdentityHashMap<Node, Boolean>());
        var context = new FileContext(file.path(), pkg, List.copyOf(imports), List.copyOf(staticImports), scopes);
        unit.walk(node -> {
            if ((node instanceof CallableDeclaration<?> || node instanceof InitializerDeclaration)
                    && ExpressionFolder.isOutermost(node) && holdsText(node)) {
                bodies.add(new Body(node, context));
            }
            if ((node instanceof StringLiteralExpr || node instanceof TextBlockLiteralExpr) && !inCallable(node)) {
                string((Expression) node, context, roots, collector);
            } else if (node instanceof FieldDeclaration field) {
                registerConstants(field, context);
            } else if (node instanceof AnnotationExpr annotation) {
                annotation(annotation, context);
            } else if ((node instanceof NameExpr name && CONSTANT_NAME.matcher(name.getNameAsString()).matches()
                    || node instanceof FieldAccessExpr access
                    && CONSTANT_NAME.matcher(access.getNameAsString()).matches())
                    && isConcatenation(node.getParentNode()) && !inCallable(node)) {
                string((Expression) node, context, roots, collector);
            }
        });
    }

    /** Whether a node is inside a method, constructor or initializer (followed as part of its flow). */
    private static boolean inCallable(Node node) {
        return node.findAncestor(n -> n instanceof CallableDeclaration<?> || n instanceof InitializerDeclaration,
                Node.class).isPresent();
    }

    /** Whether a method can hand on any known text: it holds a literal or names a constant. */
    private static boolean holdsText(Node callable) {
        return callable.findFirst(StringLiteralExpr.class).isPresent()
                || callable.findFirst(TextBlockLiteralExpr.class).isPresent()
                || callable.findFirst(NameExpr.class, n -> CONSTANT_NAME.matcher(n.getNameAsString()).matches())
                .isPresent()
                || callable.findFirst(FieldAccessExpr.class, n -> CONSTANT_NAME.matcher(n.getNameAsString()).matches())
                .isPresent();
    }

    private record FileContext(String path, String packageName, List<String> imports, List<String> staticImports,
                               Map<Node, Scope> scopes) {
    }

    private void string(Expression expression, FileContext context, Set<Node> roots, QueryCollector collector) {
        var root = concatenationRoot(expression);
        if (!roots.add(root) || root.findAncestor(AnnotationExpr.class).isPresent() || isJpqlArgument(root)) {
            return; // annotations are read as a whole, by annotation()
        }
        var location = location(root, context);
        if (root instanceof StringLiteralExpr || root instanceof TextBlockLiteralExpr) {
            var text = ExpressionFolder.literal((LiteralStringValueExpr) root);
            if (SqlShape.looksLikeSql(text)) {
                collector.sql(new Query(text, location, QuerySourceKind.JAVA_SOURCE));
            }
            return;
        }
        candidates.add(new Candidate(root.clone(), scope(root, context), location, Trust.IF_LOOKS_LIKE_SQL));
    }

    private static Expression concatenationRoot(Expression expression) {
        Node current = expression;
        while (current.getParentNode().filter(p -> p instanceof EnclosedExpr || isConcatenation(Optional.of(p)))
                .isPresent()) {
            current = current.getParentNode().get();
        }
        return (Expression) current;
    }

    private static boolean isConcatenation(Optional<Node> node) {
        return node.filter(n -> n instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS).isPresent();
    }

    private static boolean isJpqlArgument(Expression root) {
        return root.getParentNode().filter(p -> p instanceof MethodCallExpr call
                && JPQL_CALLS.contains(call.getNameAsString()) && call.getArguments().contains(root)).isPresent();
    }

    private void registerConstants(FieldDeclaration field, FileContext context) {
        boolean inInterface = field.getParentNode()
                .filter(p -> p instanceof ClassOrInterfaceDeclaration c && c.isInterface()).isPresent();
        if (!field.isFinal() && !inInterface) {
            return;
        }
        var scope = scope(field, context);
        if (scope.owners().isEmpty()) {
            return;
        }
        var owner = scope.owners().get(0);
        var simpleOwner = owner.substring(owner.lastIndexOf('.') + 1);
        for (var variable : field.getVariables()) {
            var type = variable.getType().asString();
            if (variable.getInitializer().isEmpty() || !(type.equals("String") || type.equals("java.lang.String"))) {
                continue;
            }
            var key = owner + "." + variable.getNameAsString();
            constants.put(key, new Constant(variable.getInitializer().get().clone(), scope));
            constantsBySimpleOwner.computeIfAbsent(simpleOwner + "." + variable.getNameAsString(), k -> new ArrayList<>())
                    .add(key);
        }
    }

    private void annotation(AnnotationExpr annotation, FileContext context) {
        var name = annotation.getName().getIdentifier();
        var origin = origin(annotation, context);
        var values = values(annotation);
        var sqlValues = new ArrayList<String>();
        var trust = Trust.SQL;
        switch (name) {
            case "Query" -> {
                boolean nativeQuery = values.get("nativeQuery") instanceof BooleanLiteralExpr b && b.getValue();
                // Spring Data JDBC and R2DBC @Query hold SQL; Spring Data JPA's holds JPQL unless nativeQuery
                boolean sqlByDesign = origin.startsWith("org.springframework.data.jdbc.")
                        || origin.startsWith("org.springframework.data.r2dbc.");
                if (nativeQuery || sqlByDesign) {
                    sqlValues.add("value");
                }
                if (nativeQuery) {
                    sqlValues.add("countQuery");
                }
            }
            case "NamedNativeQuery" -> sqlValues.add("query");
            case "SqlQuery", "SqlUpdate", "SqlBatch" -> sqlValues.add("value");
            case "Select", "Insert", "Update", "Delete" -> {
                sqlValues.add("value");
                // names this common may belong to another library: without MyBatis' import, judge by the text
                trust = origin.startsWith("org.apache.ibatis.") ? Trust.SQL : Trust.IF_LOOKS_LIKE_SQL;
            }
            default -> {
                return;
            }
        }
        for (var key : sqlValues) {
            var value = values.get(key);
            if (value != null) {
                candidates.add(new Candidate(value.clone(), scope(annotation, context), location(value, context),
                        trust));
            }
        }
    }

    /** The annotation's qualified name as written or imported, or its simple name when neither tells. */
    private static String origin(AnnotationExpr annotation, FileContext context) {
        var written = annotation.getNameAsString();
        if (written.contains(".")) {
            return written;
        }
        for (var imp : context.imports()) {
            if (imp.endsWith("." + written)) {
                return imp;
            }
            if (imp.endsWith(".*")) {
                var pkg = imp.substring(0, imp.length() - 1);
                if (pkg.startsWith("org.apache.ibatis.") || pkg.startsWith("org.springframework.data.")) {
                    return pkg + written;
                }
            }
        }
        return written;
    }

    private static Map<String, Expression> values(AnnotationExpr annotation) {
        var values = new LinkedHashMap<String, Expression>();
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            values.put("value", single.getMemberValue());
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            normal.getPairs().forEach(p -> values.put(p.getNameAsString(), p.getValue()));
        }
        return values;
    }

    @Override
    public void finish(QueryCollector collector) {
        var extractor = new SqlUsageExtractor().batch();
        var emitted = new HashSet<Query>();
        for (var candidate : candidates) {
            var text = candidate.expression() instanceof ArrayInitializerExpr array
                    // MyBatis joins the lines of @Select({"...", "..."}) with a space
                    ? FoldedText.join(FoldedText.of(" "), array.getValues().stream()
                    .map(v -> folder.fold(v, candidate.scope())).toList())
                    : folder.fold(candidate.expression(), candidate.scope());
            emit(text, candidate.location(), candidate.trust(), extractor, emitted, collector);
        }
        candidates.clear();
        for (var body : bodies) {
            var context = body.context();
            folder.body(body.callable(), scope(body.callable(), context), (text, origin) ->
                    emit(text, location(origin, context), Trust.IF_LOOKS_LIKE_SQL, extractor, emitted, collector));
        }
        bodies.clear();
    }

    private static void emit(FoldedText text, SourceLocation location, Trust trust, SqlUsageExtractor.Batch extractor,
                             Set<Query> emitted, QueryCollector collector) {
        if (!text.hasKnownText() || trust == Trust.IF_LOOKS_LIKE_SQL && !text.mayBeStatement()) {
            return;
        }
        var variants = text.variants(sql -> (trust == Trust.SQL || SqlShape.looksLikeSql(sql))
                && parses(sql, location, extractor), MAX_VARIANTS);
        for (var sql : variants) {
            if (sql.isBlank() || trust == Trust.IF_LOOKS_LIKE_SQL && !SqlShape.looksLikeSql(sql)) {
                continue;
            }
            var query = new Query(sql, location, QuerySourceKind.JAVA_SOURCE);
            if (!emitted.add(query)) {
                continue;
            }
            if (sql.strip().startsWith("<script>")) {
                collector.unparsed(query, "MyBatis <script> dynamic SQL is not analysed");
            } else {
                collector.sql(query);
            }
        }
    }

    /** Whether a variant parses (used only to choose among the variants of a statement built along branches). */
    private static boolean parses(String sql, SourceLocation location, SqlUsageExtractor.Batch extractor) {
        try {
            extractor.extract(new Query(sql, location, QuerySourceKind.JAVA_SOURCE));
            return true;
        } catch (UnparsableQueryException e) {
            return false;
        }
    }

    private Optional<Constant> lookup(Expression expression, Scope scope) {
        var keys = new ArrayList<String>();
        if (expression instanceof NameExpr name) {
            var n = name.getNameAsString();
            scope.owners().forEach(o -> keys.add(o + "." + n));
            for (var imp : scope.staticImports()) {
                if (imp.endsWith("." + n)) {
                    keys.add(imp);
                } else if (imp.endsWith(".*")) {
                    keys.add(imp.substring(0, imp.length() - 1) + n);
                }
            }
        } else if (expression instanceof FieldAccessExpr access) {
            var n = access.getNameAsString();
            var qualifier = access.getScope();
            if (qualifier instanceof ThisExpr) {
                scope.owners().forEach(o -> keys.add(o + "." + n));
            } else if (qualifier instanceof NameExpr || qualifier instanceof FieldAccessExpr) {
                var q = qualifier.toString();
                var first = q.contains(".") ? q.substring(0, q.indexOf('.')) : q;
                var rest = q.substring(first.length());
                keys.add(q + "." + n);
                scope.owners().forEach(o -> keys.add(o + "." + q + "." + n));
                keys.add((scope.packageName().isEmpty() ? "" : scope.packageName() + ".") + q + "." + n);
                for (var imp : scope.imports()) {
                    if (imp.endsWith("." + first)) {
                        keys.add(imp + rest + "." + n);
                    } else if (imp.endsWith(".*")) {
                        keys.add(imp.substring(0, imp.length() - 1) + q + "." + n);
                    }
                }
                // last resort, for code that is not fully seen: a unique class of that simple name
                var simple = q.substring(q.lastIndexOf('.') + 1) + "." + n;
                var owners = constantsBySimpleOwner.getOrDefault(simple, List.of());
                if (owners.size() == 1) {
                    keys.add(owners.get(0));
                }
            }
        }
        return keys.stream().map(constants::get).filter(c -> c != null).findFirst();
    }

    private static SourceLocation location(Node node, FileContext context) {
        int line = node.getBegin().map(p -> p.line).orElse(0);
        var scope = scope(node, context);
        var member = member(node);
        var owner = scope.binaryName();
        var where = owner.isEmpty() ? member.orElse("") : member.map(m -> owner + "#" + m).orElse(owner);
        return new SourceLocation(context.path(), line, where);
    }

    /** The method, constructor, field or initializer the node is in, as bytecode names it. */
    private static Optional<String> member(Node node) {
        var current = node.getParentNode();
        while (current.isPresent()) {
            var n = current.get();
            if (n instanceof MethodDeclaration method) {
                return Optional.of(method.getNameAsString());
            }
            if (n instanceof ConstructorDeclaration) {
                return Optional.of("<init>");
            }
            if (n instanceof InitializerDeclaration init) {
                return Optional.of(init.isStatic() ? "<clinit>" : "<init>");
            }
            if (n instanceof VariableDeclarator variable && variable.getParentNode()
                    .filter(p -> p instanceof FieldDeclaration).isPresent()) {
                return Optional.of(variable.getNameAsString());
            }
            if (n instanceof TypeDeclaration<?>) {
                return Optional.empty();
            }
            current = n.getParentNode();
        }
        return Optional.empty();
    }

    private static Scope scope(Node node, FileContext context) {
        var type = node instanceof TypeDeclaration<?> t ? Optional.<TypeDeclaration<?>>of(t)
                : node.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (type.isEmpty()) {
            return new Scope(context.packageName(), List.of(), "", context.imports(), context.staticImports());
        }
        return context.scopes().computeIfAbsent(type.get(), t -> {
            var names = new ArrayList<String>();
            Optional<Node> current = Optional.of(t);
            while (current.isPresent()) {
                if (current.get() instanceof TypeDeclaration<?> declaration) {
                    names.add(0, declaration.getNameAsString());
                }
                current = current.get().getParentNode();
            }
            var prefix = context.packageName().isEmpty() ? "" : context.packageName() + ".";
            var owners = new ArrayList<String>();
            for (int i = names.size(); i > 0; i--) {
                owners.add(prefix + String.join(".", names.subList(0, i)));
            }
            return new Scope(context.packageName(), owners, prefix + String.join("$", names), context.imports(),
                    context.staticImports());
        });
    }
}
