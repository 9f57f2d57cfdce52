package cn.cq.fundledger.core;

/**
 * The answer to a command that records a fact: the fact's id, and whether the ledger already held the
 * very same fact (a re-sent command is recorded once and answered as a duplicate).
 */
public record Recorded(String id, boolean duplicate) {

    public static Recorded applied(String id) {
        return new Recorded(id, false);
    }

    public static Recorded duplicateOf(String id) {
        return new Recorded(id, true);
    }

    /**
     * The answer when a command's id is already recorded: a duplicate when the recorded fact is the same,
     * otherwise a refusal (409) naming the field and saying what is recorded.
     */
    public static Recorded duplicateOrConflict(boolean same, String id, String field, String conflict) {
        if (same) {
            return duplicateOf(id);
        }
        throw RuleViolation.conflict(field, "id-conflict", conflict);
    }
}
