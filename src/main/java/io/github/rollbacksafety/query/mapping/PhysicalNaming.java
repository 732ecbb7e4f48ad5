package io.github.rollbacksafety.query.mapping;

import io.github.rollbacksafety.RollbackSafetyException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the previous release's persistence provider turned the names of its mapping (explicit or derived from Java
 * names) into database names: Hibernate's physical naming strategy.
 *
 * <ul>
 *   <li>{@link #SNAKE_CASE}: Spring Boot's default {@code CamelCaseToUnderscoresNamingStrategy} (before Boot 2.6
 *   {@code SpringPhysicalNamingStrategy}, in Boot 1.x {@code SpringNamingStrategy}): every name, explicit ones
 *   included, becomes snake case: {@code @Column(name = "trackingCode")} is the column {@code tracking_code}.</li>
 *   <li>{@link #AS_WRITTEN}: plain Hibernate and JPA providers ({@code PhysicalNamingStrategyStandardImpl}):
 *   names as written, implicit ones as the Java name.</li>
 *   <li>{@link #BOTH}: not known; every camel-case name is used in both spellings, so that dropping either is
 *   reported.</li>
 * </ul>
 */
public enum PhysicalNaming {
    SNAKE_CASE, AS_WRITTEN, BOTH;

    /** The spellings of a mapping name under this strategy (compared case-insensitively later). */
    public List<String> spellings(String name) {
        if (name.isEmpty()) {
            return List.of(name);
        }
        var snake = MappingModel.snakeCase(name);
        return switch (this) {
            case AS_WRITTEN -> List.of(name);
            case SNAKE_CASE -> List.of(snake);
            case BOTH -> snake.equalsIgnoreCase(name) ? List.of(name) : List.of(name, snake);
        };
    }

    /** The parameter's spelling, e.g. {@code snake-case}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The {@code physicalNaming} parameter: {@code auto} (or blank) for detection, else a strategy.
     *
     * @throws RollbackSafetyException for another value
     */
    public static Optional<PhysicalNaming> parse(String value) {
        var v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "", "auto" -> Optional.empty();
            case "snake-case", "spring", "spring-boot" -> Optional.of(SNAKE_CASE);
            case "as-written", "standard", "hibernate", "jpa" -> Optional.of(AS_WRITTEN);
            case "both" -> Optional.of(BOTH);
            default -> throw new RollbackSafetyException("physicalNaming '" + value + "' is not one of auto,"
                    + " snake-case (Spring Boot's default), as-written (plain Hibernate/JPA) or both.");
        };
    }

    /**
     * The strategy a configuration value of {@code spring.jpa.hibernate.naming.physical-strategy} or
     * {@code hibernate.physical_naming_strategy} names: a known class, else {@link #BOTH} (a custom strategy may
     * do anything).
     */
    public static PhysicalNaming ofStrategyClass(String className) {
        var c = className.strip();
        if (c.endsWith("CamelCaseToUnderscoresNamingStrategy") || c.endsWith("SpringPhysicalNamingStrategy")
                || c.endsWith("ImprovedNamingStrategy") || c.endsWith("SpringNamingStrategy")) {
            return SNAKE_CASE;
        }
        if (c.endsWith("PhysicalNamingStrategyStandardImpl") || c.endsWith("EJB3NamingStrategy")
                || c.endsWith("DefaultNamingStrategy")) {
            return AS_WRITTEN;
        }
        return BOTH;
    }
}
