package io.github.rollbacksafety.query.javasource;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;
import com.github.javaparser.ast.type.VoidType;
import com.github.javaparser.ast.type.WildcardType;
import io.github.rollbacksafety.query.mapping.AnnotationData;
import io.github.rollbacksafety.query.bytecode.ClassFileReader.ClassFile;
import io.github.rollbacksafety.query.bytecode.ClassFileReader.Member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JavaParser front end of the JPA mapping: describes the classes of a module's sources in the same records the
 * bytecode front end ({@link io.github.rollbacksafety.query.bytecode.ClassFileReader}) produces, so that one set of
 * mapping semantics ({@link io.github.rollbacksafety.query.mapping.AnnotationMappings} and what follows) serves both.
 *
 * <p>Without a compiler, names are resolved as javac would for the common cases: nested types, single-type and
 * on-demand imports, the same package, fully qualified use; {@code static final String} constants of any file of
 * the module (also via static imports) give annotation values. Types are erased as in a class file: a type
 * variable becomes {@code java.lang.Object}. All files are registered first, because a superclass or a constant
 * may be declared in a file read later.
 */
final class SourceClasses {

    /** Simple names that an on-demand import of {@code jakarta.persistence.*} or {@code javax.persistence.*} resolves. */
    static final Set<String> JPA_NAMES = Set.of("Access", "AssociationOverride", "AssociationOverrides",
            "AttributeOverride", "AttributeOverrides", "Basic", "CollectionTable", "Column", "DiscriminatorColumn",
            "DiscriminatorValue", "ElementCollection", "Embeddable", "Embedded", "EmbeddedId", "Entity",
            "Enumerated", "GeneratedValue", "Id", "IdClass", "Inheritance", "JoinColumn", "JoinColumns",
            "JoinTable", "Lob", "ManyToMany", "ManyToOne", "MapKey", "MapKeyColumn", "MapKeyColumns",
            "MappedSuperclass", "MapsId", "NamedNativeQueries", "NamedNativeQuery", "NamedQueries", "NamedQuery",
            "OneToMany", "OneToOne", "OrderBy", "OrderColumn", "PrimaryKeyJoinColumn", "PrimaryKeyJoinColumns",
            "SecondaryTable", "SecondaryTables", "SequenceGenerator", "Table", "TableGenerator", "Temporal",
            "Transient", "Version", "Convert");
    private static final Set<String> JAVA_UTIL = Set.of("List", "Set", "Collection", "Map", "SortedSet",
            "SortedMap");
    private static final Set<String> JAVA_LANG = Set.of("String", "Long", "Integer", "Short", "Byte", "Boolean",
            "Character", "Double", "Float", "Object", "Number", "Enum", "Override", "Deprecated", "Iterable",
            "Comparable");
    private static final String SPRING_DATA_JPA = "org.springframework.data.jpa.repository";
    private static final String OBJECT = "java.lang.Object";

    /** What names mean in one file. */
    private record FileScope(String path, String packageName, Map<String, String> imports, List<String> onDemand,
                             Map<String, String> staticImports, List<String> staticOnDemand) {
    }

    /** Where a name is used: the file and the enclosing types (binary names, innermost first). */
    record Scope(FileScope file, List<String> owners, Set<String> typeVariables) {
    }

    private record Declared(TypeDeclaration<?> declaration, Scope scope, String binaryName) {
    }

    private record Constant(Expression value, Scope scope) {
    }

    /** Canonical name (dots) to binary name ({@code $} for nesting) of every type of the module. */
    private final Map<String, String> binaryNames = new HashMap<>();
    private final Set<String> binaries = new HashSet<>();
    private final Map<TypeDeclaration<?>, Scope> scopes = new IdentityHashMap<>();
    private final List<Declared> declared = new ArrayList<>();
    private final Map<String, Constant> constants = new HashMap<>();
    private final ExpressionFolder<Scope> folder = new ExpressionFolder<>((e, scope) -> constant(e, scope)
            .map(c -> new ExpressionFolder.Definition<>(c.value(), c.scope())));

    /** Registers the types and constants of one file; nothing is resolved before {@link #describe()}. */
    void register(String path, CompilationUnit unit) {
        var pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        var imports = new HashMap<String, String>();
        var onDemand = new ArrayList<String>();
        var staticImports = new HashMap<String, String>();
        var staticOnDemand = new ArrayList<String>();
        for (var imp : unit.getImports()) {
            var name = imp.getNameAsString();
            if (imp.isStatic()) {
                if (imp.isAsterisk()) {
                    staticOnDemand.add(name);
                } else {
                    staticImports.put(name.substring(name.lastIndexOf('.') + 1), name);
                }
            } else if (imp.isAsterisk()) {
                onDemand.add(name);
            } else {
                imports.put(name.substring(name.lastIndexOf('.') + 1), name);
            }
        }
        var file = new FileScope(path, pkg, imports, onDemand, staticImports, staticOnDemand);
        for (var type : unit.getTypes()) {
            register(type, file, pkg.isEmpty() ? "" : pkg + ".", pkg.isEmpty() ? "" : pkg + ".",
                    List.of(), Set.of());
        }
    }

    private void register(TypeDeclaration<?> type, FileScope file, String canonicalPrefix, String binaryPrefix,
                          List<String> outer, Set<String> outerVariables) {
        var canonical = canonicalPrefix + type.getNameAsString();
        var binary = binaryPrefix + type.getNameAsString();
        binaryNames.put(canonical, binary);
        binaries.add(binary);
        var owners = new ArrayList<String>();
        owners.add(binary);
        owners.addAll(outer);
        var variables = new HashSet<>(outerVariables);
        typeParameters(type).forEach(p -> variables.add(p.getNameAsString()));
        var scope = new Scope(file, List.copyOf(owners), Set.copyOf(variables));
        declared.add(new Declared(type, scope, binary));
        scopes.put(type, scope);
        boolean isInterface = type instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        for (var member : type.getMembers()) {
            if (member instanceof FieldDeclaration field && (isInterface || field.isStatic() && field.isFinal())) {
                for (var variable : field.getVariables()) {
                    var t = variable.getType().asString();
                    if (variable.getInitializer().isPresent() && (t.equals("String") || t.equals("java.lang.String"))) {
                        constants.put(binary + "." + variable.getNameAsString(),
                                new Constant(variable.getInitializer().get(), scope));
                    }
                }
            } else if (member instanceof TypeDeclaration<?> nested) {
                register(nested, file, canonical + ".", binary + "$", owners, variables);
            }
        }
    }

    private static NodeList<TypeParameter> typeParameters(TypeDeclaration<?> type) {
        if (type instanceof ClassOrInterfaceDeclaration c) {
            return c.getTypeParameters();
        }
        if (type instanceof RecordDeclaration r) {
            return r.getTypeParameters();
        }
        return new NodeList<>();
    }

    /** Every registered class, interface and record, described as a class file would be. */
    List<ClassFile> describe() {
        var result = new ArrayList<ClassFile>();
        for (var d : declared) {
            if (!(d.declaration() instanceof EnumDeclaration) && !(d.declaration() instanceof AnnotationDeclaration)) {
                result.add(describe(d));
            }
        }
        return result;
    }

    private ClassFile describe(Declared d) {
        var type = d.declaration();
        var scope = d.scope();
        var superName = OBJECT;
        if (type instanceof ClassOrInterfaceDeclaration c && !c.isInterface() && !c.getExtendedTypes().isEmpty()) {
            superName = resolve(c.getExtendedTypes().get(0).getNameWithScope(), scope);
        } else if (type instanceof RecordDeclaration) {
            superName = "java.lang.Record";
        }
        var annotations = annotations(type.getAnnotations(), scope);
        boolean annotated = !annotations.isEmpty();
        var fields = new ArrayList<Member>();
        var methods = new ArrayList<Member>();
        boolean isInterface = type instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        if (type instanceof RecordDeclaration r) {
            for (var p : r.getParameters()) {
                var anns = annotations(p.getAnnotations(), scope);
                annotated |= !anns.isEmpty();
                fields.add(new Member(p.getNameAsString(), descriptor(p.getType(), scope),
                        signature(p.getType(), scope), Member.PRIVATE | Member.FINAL, line(p), anns));
            }
        }
        for (var member : type.getMembers()) {
            if (member instanceof FieldDeclaration field) {
                var anns = annotations(field.getAnnotations(), scope);
                annotated |= !anns.isEmpty();
                int access = (isInterface || field.isStatic() ? Member.STATIC : 0)
                        | (field.hasModifier(Modifier.Keyword.TRANSIENT) ? Member.TRANSIENT : 0)
                        | (field.isFinal() ? Member.FINAL : 0);
                for (var v : field.getVariables()) {
                    fields.add(new Member(v.getNameAsString(), descriptor(v.getType(), scope),
                            signature(v.getType(), scope), access, line(v), anns));
                }
            } else if (member instanceof MethodDeclaration method) {
                var anns = annotations(method.getAnnotations(), scope);
                annotated |= !anns.isEmpty();
                var methodScope = scope;
                if (!method.getTypeParameters().isEmpty()) {
                    var variables = new HashSet<>(scope.typeVariables());
                    method.getTypeParameters().forEach(p -> variables.add(p.getNameAsString()));
                    methodScope = new Scope(scope.file(), scope.owners(), variables);
                }
                var params = new StringBuilder("(");
                for (var p : method.getParameters()) {
                    params.append(descriptor(p.getType(), methodScope));
                }
                params.append(')');
                var returnSignature = signature(method.getType(), methodScope);
                methods.add(new Member(method.getNameAsString(), params + descriptor(method.getType(), methodScope),
                        returnSignature.isEmpty() ? "" : params + returnSignature,
                        method.isStatic() ? Member.STATIC : 0, line(method), anns));
            }
        }
        return new ClassFile(d.binaryName(), superName, scope.file().path(), annotations, fields, methods, List.of(),
                annotated);
    }

    private static int line(com.github.javaparser.ast.Node node) {
        return node.getBegin().map(p -> p.line).orElse(0);
    }

    /** The persistence and Spring Data JPA query annotations, as the bytecode front end keeps them. */
    private List<AnnotationData> annotations(NodeList<AnnotationExpr> written, Scope scope) {
        var result = new ArrayList<AnnotationData>();
        for (var a : written) {
            var type = annotationType(a, scope);
            if (type.startsWith("jakarta.persistence.") || type.startsWith("javax.persistence.")
                    || type.equals(SPRING_DATA_JPA + ".Query")) {
                result.add(annotation(a, type, scope));
            }
        }
        return result;
    }

    private String annotationType(AnnotationExpr a, Scope scope) {
        var written = a.getNameAsString();
        if (!written.contains(".") && !scope.file().imports().containsKey(written)
                && !binaryNames.containsKey(prefixed(scope.file().packageName(), written))) {
            for (var pkg : scope.file().onDemand()) {
                if ((pkg.equals("jakarta.persistence") || pkg.equals("javax.persistence"))
                        && JPA_NAMES.contains(written)
                        || pkg.equals(SPRING_DATA_JPA) && written.equals("Query")) {
                    return pkg + "." + written;
                }
            }
        }
        return resolve(written, scope);
    }

    private AnnotationData annotation(AnnotationExpr a, String type, Scope scope) {
        var values = new LinkedHashMap<String, Object>();
        if (a instanceof SingleMemberAnnotationExpr single) {
            value(single.getMemberValue(), scope).ifPresent(v -> values.put("value", v));
        } else if (a instanceof NormalAnnotationExpr normal) {
            for (var pair : normal.getPairs()) {
                value(pair.getValue(), scope).ifPresent(v -> values.put(pair.getNameAsString(), v));
            }
        }
        return new AnnotationData(type, values);
    }

    /** An annotation value in the form a class file gives it (enum constants by name, classes by dotted name). */
    private Optional<Object> value(Expression e, Scope scope) {
        if (e instanceof EnclosedExpr enclosed) {
            return value(enclosed.getInner(), scope);
        }
        if (e instanceof BooleanLiteralExpr b) {
            return Optional.of(b.getValue());
        }
        if (e instanceof IntegerLiteralExpr i) {
            return Optional.of(i.asNumber().intValue());
        }
        if (e instanceof LongLiteralExpr l) {
            return Optional.of(l.asNumber().longValue());
        }
        if (e instanceof DoubleLiteralExpr d) {
            return Optional.of(d.asDouble());
        }
        if (e instanceof CharLiteralExpr c) {
            return Optional.of(c.asChar());
        }
        if (e instanceof ClassExpr c) {
            var t = c.getType();
            return Optional.of(t instanceof ClassOrInterfaceType ci ? resolve(ci.getNameWithScope(), scope)
                    : t.asString());
        }
        if (e instanceof AnnotationExpr nested) {
            return Optional.of(annotation(nested, resolve(nested.getNameAsString(), scope), scope));
        }
        if (e instanceof ArrayInitializerExpr array) {
            var list = new ArrayList<Object>();
            array.getValues().forEach(v -> value(v, scope).ifPresent(list::add));
            return Optional.of(list);
        }
        var text = string(e, scope);
        if (text.isPresent()) {
            return Optional.of(text.get());
        }
        if (e instanceof NameExpr n) {
            return Optional.of(n.getNameAsString()); // a statically imported enum constant
        }
        if (e instanceof FieldAccessExpr f) {
            return Optional.of(f.getNameAsString()); // an enum constant, e.g. InheritanceType.JOINED
        }
        return Optional.empty();
    }

    /**
     * The text of a constant string expression: literals, text blocks, concatenations and {@code static final
     * String} constants of the module; empty when any part is not known at compile time.
     */
    Optional<String> string(Expression e, Scope scope) {
        return folder.fold(e, scope).constant();
    }

    private Optional<Constant> constant(Expression e, Scope scope) {
        var keys = new ArrayList<String>();
        if (e instanceof NameExpr n) {
            var name = n.getNameAsString();
            scope.owners().forEach(o -> keys.add(o + "." + name));
            var imported = scope.file().staticImports().get(name);
            if (imported != null) {
                keys.add(resolve(imported.substring(0, imported.lastIndexOf('.')), scope) + "." + name);
            }
            scope.file().staticOnDemand().forEach(o -> keys.add(resolve(o, scope) + "." + name));
        } else if (e instanceof FieldAccessExpr f) {
            keys.add(resolve(f.getScope().toString(), scope) + "." + f.getNameAsString());
        }
        return keys.stream().map(constants::get).filter(c -> c != null).findFirst();
    }

    /** A type name as written, resolved to a binary name (a best guess for types outside the module). */
    String resolve(String written, Scope scope) {
        int dot = written.indexOf('.');
        if (dot > 0) {
            var first = written.substring(0, dot);
            var rest = written.substring(dot + 1).replace('.', '$');
            var outer = resolveSimple(first, scope);
            if (outer.isPresent()) {
                return outer.get() + "$" + rest;
            }
            return binaryNames.getOrDefault(written, written);
        }
        return resolveSimple(written, scope).orElseGet(() -> guess(written, scope.file()));
    }

    private Optional<String> resolveSimple(String name, Scope scope) {
        if (scope.typeVariables().contains(name)) {
            return Optional.of(OBJECT);
        }
        for (var owner : scope.owners()) {
            var nested = owner + "$" + name;
            if (binaries.contains(nested)) {
                return Optional.of(nested);
            }
            if (owner.endsWith("." + name) || owner.endsWith("$" + name) || owner.equals(name)) {
                return Optional.of(owner);
            }
        }
        var imported = scope.file().imports().get(name);
        if (imported != null) {
            return Optional.of(binaryNames.getOrDefault(imported, imported));
        }
        var samePackage = binaryNames.get(prefixed(scope.file().packageName(), name));
        if (samePackage != null) {
            return Optional.of(samePackage);
        }
        for (var pkg : scope.file().onDemand()) {
            var known = binaryNames.get(pkg + "." + name);
            if (known != null) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }

    /** A type that is not in the module: only the names that change the mapping (collections) need to be right. */
    private static String guess(String name, FileScope file) {
        if (JAVA_UTIL.contains(name) && file.onDemand().contains("java.util")) {
            return "java.util." + name;
        }
        if (JAVA_LANG.contains(name)) {
            return "java.lang." + name;
        }
        return prefixed(file.packageName(), name);
    }

    private static String prefixed(String pkg, String name) {
        return pkg.isEmpty() ? name : pkg + "." + name;
    }

    private String descriptor(Type type, Scope scope) {
        if (type instanceof PrimitiveType p) {
            return switch (p.getType()) {
                case BOOLEAN -> "Z";
                case CHAR -> "C";
                case BYTE -> "B";
                case SHORT -> "S";
                case INT -> "I";
                case LONG -> "J";
                case FLOAT -> "F";
                case DOUBLE -> "D";
            };
        }
        if (type instanceof VoidType) {
            return "V";
        }
        if (type instanceof ArrayType a) {
            return "[" + descriptor(a.getComponentType(), scope);
        }
        var name = type instanceof ClassOrInterfaceType c ? resolve(c.getNameWithScope(), scope) : OBJECT;
        return "L" + name.replace('.', '/') + ";";
    }

    /** The generic signature of a parameterized type, empty for others (as a class file has none for them). */
    private String signature(Type type, Scope scope) {
        if (!(type instanceof ClassOrInterfaceType c) || c.getTypeArguments().map(NodeList::isEmpty).orElse(true)) {
            return "";
        }
        return typeSignature(type, scope);
    }

    private String typeSignature(Type type, Scope scope) {
        if (type instanceof WildcardType w) {
            if (w.getExtendedType().isPresent()) {
                return "+" + typeSignature(w.getExtendedType().get(), scope);
            }
            return w.getSuperType().map(s -> "-" + typeSignature(s, scope)).orElse("*");
        }
        if (type instanceof ArrayType a) {
            return "[" + typeSignature(a.getComponentType(), scope);
        }
        if (!(type instanceof ClassOrInterfaceType c)) {
            return descriptor(type, scope);
        }
        var base = "L" + resolve(c.getNameWithScope(), scope).replace('.', '/');
        var args = c.getTypeArguments();
        if (args.isEmpty() || args.get().isEmpty()) {
            return base + ";";
        }
        var sb = new StringBuilder(base).append('<');
        args.get().forEach(t -> sb.append(typeSignature(t, scope)));
        return sb.append(">;").toString();
    }

    /** The scope of a type declaration registered before, for reading expressions inside it. */
    Optional<Scope> scopeOf(TypeDeclaration<?> type) {
        return Optional.ofNullable(scopes.get(type));
    }
}
