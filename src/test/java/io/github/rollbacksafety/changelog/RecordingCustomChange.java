package io.github.rollbacksafety.changelog;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/** A custom change for fixtures: Liquibase instantiates it while parsing, it does nothing. */
public class RecordingCustomChange implements CustomTaskChange {

    @Override
    public void execute(Database database) {
        // never executed: the check does not run changes
    }

    @Override
    public String getConfirmationMessage() {
        return "recorded";
    }

    @Override
    public void setUp() {
        // nothing to prepare
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
        // reads no files
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
