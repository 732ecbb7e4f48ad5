package io.github.rollbacksafety.database;

import io.github.rollbacksafety.query.Query;

import java.util.Optional;

/**
 * One previous-release statement seen both ways: what the static check concluded and what the database said.
 *
 * @param query         the statement
 * @param staticVerdict the static check's view
 * @param dynamic       the database's verdict
 */
public record QueryComparison(Query query, StaticVerdict staticVerdict, QueryVerdict dynamic) {

    /** The static check's view of a statement. */
    public enum StaticVerdict {
        /** Understood, and no BREAKING finding names it. */
        PASSED,
        /** Named by a BREAKING finding of the static check. */
        FLAGGED,
        /** The static parser could not understand it. */
        NOT_UNDERSTOOD
    }

    /**
     * Where the two views contradict each other, in words: a static finding the database does not confirm, or a
     * database failure the static check missed. These are the blind spots worth a look.
     */
    public Optional<String> disagreement() {
        var verdict = dynamic.verdict();
        if (staticVerdict == StaticVerdict.FLAGGED && verdict == QueryVerdict.Verdict.OK) {
            return Optional.of("the static check reports it broken; the database describes it cleanly on the new"
                    + " schema");
        }
        if (staticVerdict == StaticVerdict.PASSED && verdict == QueryVerdict.Verdict.BROKEN) {
            return Optional.of("the database reports it broken (" + dynamic.message() + "); the static check did not");
        }
        if (staticVerdict == StaticVerdict.NOT_UNDERSTOOD && verdict == QueryVerdict.Verdict.BROKEN) {
            return Optional.of("the static check could not read it; the database reports it broken ("
                    + dynamic.message() + ")");
        }
        return Optional.empty();
    }

    /** The static check could not read it, but the database gave a definite answer. */
    public boolean verifiedOnlyDynamically() {
        return staticVerdict == StaticVerdict.NOT_UNDERSTOOD && (dynamic.verdict() == QueryVerdict.Verdict.OK
                || dynamic.verdict() == QueryVerdict.Verdict.BROKEN);
    }
}
