package io.github.rollbacksafety.query;

import java.util.List;
import java.util.Optional;

/**
 * How the previous release's query sources are read, beyond where they are.
 *
 * @param resourceIncludes classpath globs of SQL resources that count as queries even when they look like a DDL
 *                         script or a data dump
 * @param resourceExcludes classpath globs of SQL resources that are left out
 * @param dbms             the database checked (Liquibase's name), which selects MyBatis {@code databaseId}
 *                         variants
 */
public record ReadingOptions(List<String> resourceIncludes, List<String> resourceExcludes, Optional<String> dbms) {

    public static final ReadingOptions DEFAULT = new ReadingOptions(List.of(), List.of(), Optional.empty());

    public ReadingOptions {
        resourceIncludes = List.copyOf(resourceIncludes);
        resourceExcludes = List.copyOf(resourceExcludes);
    }
}
