package cn.cq.fundledger.seedfund.api;

/**
 * A command that records one seed fact of a kind a correction can reverse. A correction may carry one of them as
 * the corrected fact: it is then recorded by the very same rules as when it is sent on its own.
 */
public sealed interface SeedFactCommand permits MakeSeedInvestment, ExitSeedInvestment, RaiseSeedCommitment,
        RecordFollowOnRound {

    /** The kind of fact this command records. */
    SeedFactKind kind();

    /** The id the caller gives the new fact (investment, exit, raise or round id). */
    String newFactId();
}
