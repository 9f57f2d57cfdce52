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
}
