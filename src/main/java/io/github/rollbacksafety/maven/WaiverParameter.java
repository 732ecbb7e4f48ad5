package io.github.rollbacksafety.maven;

/**
 * A {@code <waiver>} in the plugin configuration: accepts findings of one rule, optionally narrowed to a
 * changeset and an object. Mapped to the engine's {@link io.github.rollbacksafety.engine.Waiver}.
 */
public class WaiverParameter {

    /** Rule id, e.g. {@code column-dropped}. Required. */
    private String rule;

    /** Changeset id or {@code author:id}. Optional. */
    private String changeSet;

    /** {@code table} or {@code table.column}. Optional. */
    private String object;

    /** Why this is safe. Required. */
    private String reason;

    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    public String getChangeSet() {
        return changeSet;
    }

    public void setChangeSet(String changeSet) {
        this.changeSet = changeSet;
    }

    public String getObject() {
        return object;
    }

    public void setObject(String object) {
        this.object = object;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
