package io.github.rollbacksafety.rules;

import io.github.rollbacksafety.changelog.ChangeSetRef;
import io.github.rollbacksafety.schema.SchemaOp;

/**
 * One schema operation of a changeset that the previous release has not run.
 *
 * @param changeSet the changeset
 * @param op        the operation
 * @param index     position among all new operations of the release (0-based)
 */
public record PlannedChange(ChangeSetRef changeSet, SchemaOp op, int index) {
}
