package io.github.rollbacksafety;

import java.util.List;

/** Where a release archive keeps its classes and libraries: a plain jar at its root, a Spring Boot jar, a WAR. */
public final class ArchiveLayout {

    /** Folders holding the application's own classes and resources in a Spring Boot jar and a WAR. */
    public static final List<String> NESTED_CLASS_ROOTS = List.of("BOOT-INF/classes/", "WEB-INF/classes/");

    /** Every classpath root an archive may have, the plain jar's (empty) first. */
    public static final List<String> CLASS_ROOTS = List.of("", "BOOT-INF/classes/", "WEB-INF/classes/");

    /** Folders holding packaged libraries in a Spring Boot jar and a WAR. */
    public static final List<String> LIB_ROOTS = List.of("BOOT-INF/lib/", "WEB-INF/lib/");

    private ArchiveLayout() {
    }
}
