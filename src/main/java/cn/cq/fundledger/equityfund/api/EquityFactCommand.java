package cn.cq.fundledger.equityfund.api;

/**
 * A command that records one correctable fact of the equity program: a commitment, a call, a deal, a mark, an exit
 * or a distribution. A correction may carry one as the corrected fact, recorded by the same rules as when it is
 * sent on its own.
 */
public sealed interface EquityFactCommand
        permits RecordCommitment, CallCapital, CloseDeal, MarkDeal, RecordExit, MakeDistribution {
}
