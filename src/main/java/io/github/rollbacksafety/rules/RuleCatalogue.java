package io.github.rollbacksafety.rules;

import java.util.List;

/** Every rule the check knows, in the order reports list them (that of the design's rule catalogue). */
public final class RuleCatalogue {

    private static final List<Rule> ALL = List.of(
            new TableDroppedRule(),
            new TableRenamedRule(),
            new ViewDroppedRule(),
            new ColumnDroppedRule(),
            new ColumnRenamedRule(),
            new SequenceDroppedRule(),
            new NotNullColumnAddedRule(),
            new NotNullConstraintAddedRule(),
            new DefaultDroppedRule(),
            new ColumnTypeChangedRule(),
            new PositionalInsertBrokenRule(),
            new UpsertKeyDroppedRule(),
            new CompatibilityViewNotWritableRule(),
            new ReleasedChangeSetModifiedRule(),
            new ForwardInsertBrokenRule(),
            new MigrationFailsRule(),
            new QueryFailsOnNewSchemaRule(),
            new UniqueConstraintAddedRule(),
            new ForeignKeyAddedRule(),
            new CheckConstraintAddedRule(),
            new NotNullDroppedRule(),
            new StarSelectColumnDroppedRule(),
            new ReleasedChangeSetRemovedRule(),
            new UnanalyzableChangeRule(),
            new DataChangeInDeployRule(),
            new NeedsNewSchemaRule());

    private RuleCatalogue() {
    }

    /** Every rule; rules are stateless, so the instances are shared. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The rule with this id, if the catalogue has it. */
    public static java.util.Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
