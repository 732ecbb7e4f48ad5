package io.github.rollbacksafety.query.javasource;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.rollbacksafety.query.EntityQueries;
import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.query.UnparsableQueryException;
import io.github.rollbacksafety.query.mapping.AnnotationMappings;
import io.github.rollbacksafety.query.mapping.JpqlTranslator;
import io.github.rollbacksafety.query.mapping.MappingModel;
import io.github.rollbacksafety.query.mapping.MappingUsages;
import io.github.rollbacksafety.query.mapping.NamingEvidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JPA entity mappings of a module's sources and the JPQL that names its entities
 * ({@code @NamedQuery}, Spring Data {@code @Query} without {@code nativeQuery}, string arguments of
 * {@code createQuery}). The classes are described by {@link SourceClasses} in the records of the bytecode front
 * end, then the same {@link AnnotationMappings}, {@link MappingModel}, {@link MappingUsages} and
 * {@link JpqlTranslator} run as for a jar: one set of mapping semantics, two front ends.
 *
 * <p>Native SQL in annotations is left to {@link SqlStringFinder}, which already reports it. JPQL is translated
 * only when the sources map at least one entity: without entities (they may live in another module) it cannot be
 * resolved, and guessing tables from entity names would report tables that do not exist.
 */
final class JpaSourceReader implements JavaSourceQuerySource.UnitReader {

    private static final Set<String> JPQL_CALLS = Set.of("createQuery", "createSelectionQuery",
            "createMutationQuery");

    private record JpqlArgument(Expression expression, TypeDeclaration<?> owner, SourceLocation location) {
    }

    private final SourceClasses classes = new SourceClasses();
    /** The release's naming, asked for once the sources are read (it may depend on files read meanwhile). */
    private final java.util.function.Supplier<NamingEvidence.Choice> naming;
    private final List<JpqlArgument> jpqlArguments = new ArrayList<>();
    /** The translator once the sources are known to map entities. */
    private Optional<JpqlTranslator> translator = Optional.empty();
    /** Class and text of JPQL already translated, so a constant passed to createQuery counts once per class. */
    private final Set<String> translated = new HashSet<>();

    /** Mapping names used in both spellings: the release's naming is not known. */
    JpaSourceReader() {
        this(() -> new NamingEvidence().choice());
    }

    JpaSourceReader(java.util.function.Supplier<NamingEvidence.Choice> naming) {
        this.naming = naming;
    }

    @Override
    public void read(JavaSourceQuerySource.ParsedJavaFile file, QueryCollector collector) {
        classes.register(file.path(), file.unit());
        file.unit().findAll(MethodCallExpr.class, call -> JPQL_CALLS.contains(call.getNameAsString())
                && !call.getArguments().isEmpty()).forEach(call -> {
                    var owner = call.findAncestor(TypeDeclaration.class);
                    if (owner.isEmpty()) {
                        return;
                    }
                    var type = (TypeDeclaration<?>) owner.get();
                    var method = call.findAncestor(MethodDeclaration.class).map(m -> "#" + m.getNameAsString())
                            .orElse("");
                    var argument = call.getArgument(0);
                    jpqlArguments.add(new JpqlArgument(argument, type, new SourceLocation(file.path(),
                            argument.getBegin().map(p -> p.line).orElse(0), binaryName(type) + method)));
                });
    }

    private static String binaryName(TypeDeclaration<?> type) {
        // the enclosing types with $, as the class file would name it
        var name = new StringBuilder(type.getNameAsString());
        var parent = type.getParentNode();
        while (parent.isPresent()) {
            if (parent.get() instanceof TypeDeclaration<?> outer) {
                name.insert(0, outer.getNameAsString() + "$");
            }
            parent = parent.get().getParentNode();
        }
        return type.findCompilationUnit().flatMap(u -> u.getPackageDeclaration())
                .map(p -> p.getNameAsString() + ".").orElse("") + name;
    }

    @Override
    public void finish(QueryCollector collector) {
        var annotations = new AnnotationMappings();
        classes.describe().forEach(annotations::add);
        var model = naming.get().model();
        annotations.build(model);
        if (model.isEmpty()) {
            return;
        }
        var mappings = new MappingUsages(model);
        mappings.emit(collector);
        var jpql = new JpqlTranslator(model, mappings);
        translator = Optional.of(jpql);
        collector.entityQueries(EntityQueries.of(jpql::namesEntity, jpql::translate));
        for (var q : annotations.queries()) {
            if (q.jpql()) {
                translate(new Query(q.text(), q.location(), QuerySourceKind.JPQL), jpql, collector);
            }
        }
        for (var q : annotations.unsupported()) {
            if (q.jpql()) {
                collector.unparsed(new Query(q.text(), q.location(), QuerySourceKind.JPQL), q.text());
            }
        }
        for (var argument : jpqlArguments) {
            classes.scopeOf(argument.owner())
                    .flatMap(scope -> classes.string(argument.expression(), scope))
                    .filter(jpql::namesEntity)
                    .filter(text -> translated.add(owner(argument.location()) + "\n" + text))
                    .ifPresent(text -> translate(new Query(text, argument.location(), QuerySourceKind.JPQL), jpql,
                            collector));
        }
        jpqlArguments.clear();
    }

    /** A string that names a mapped entity is JPQL (e.g. a constant passed to {@code createQuery} elsewhere). */
    @Override
    public boolean claims(Query sql, QueryCollector collector) {
        if (translator.isEmpty() || !translator.get().namesEntity(sql.sql())) {
            return false;
        }
        if (translated.add(owner(sql.location()) + "\n" + sql.sql())) {
            translate(new Query(sql.sql(), sql.location(), QuerySourceKind.JPQL), translator.get(), collector);
        }
        return true;
    }

    private static String owner(SourceLocation location) {
        var member = location.member();
        int hash = member.indexOf('#');
        return hash < 0 ? member : member.substring(0, hash);
    }

    private static void translate(Query query, JpqlTranslator jpql, QueryCollector collector) {
        try {
            collector.usage(jpql.translate(query));
        } catch (UnparsableQueryException e) {
            collector.unparsed(query, e.getMessage());
        }
    }
}
