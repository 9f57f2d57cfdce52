package cn.cq.fundledger.seedfund.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the seed program's read endpoints answer. Amounts are whole fen, percentages basis points. */
public final class SeedViews {

    private SeedViews() {
    }

    /** A local seed fund as of a date: committed capital (with raises until then) and what it invested. */
    public record FundView(String fundId, String name, String partner, int cityShareBp, LocalDate establishedOn,
                           LocalDate asOf, long committedFen, long investments, long projects, long investedFen,
                           long uninvestedFen, long activeFen, long proceedsFen, long cityProceedsFen,
                           long partnerProceedsFen) {
    }

    public record ExitView(String exitId, String route, LocalDate exitedOn, long costFen, long proceedsFen,
                           int cityShareBp, long cityProceedsFen, long partnerProceedsFen, long realisedGainFen) {
    }

    /**
     * A follow-on round; {@code reversal} is its reversal when it was reversed (a reversed round marks nothing and
     * attracts nothing), else null.
     */
    public record RoundView(String roundId, String projectId, String investor, long amountFen, long postMoneyFen,
                            LocalDate closedOn, ReversalView reversal) {
    }

    /**
     * The reversal of a wrongly recorded fact: the fact (kind and id, with its investment and project when it has
     * them), the reason, the reversal's own event ({@code eventId}), the event it reverses, the corrected fact
     * recorded with it ({@code replacedBy}, or null), the fact's business date and when the reversal was recorded.
     */
    public record ReversalView(String kind, String factId, String investmentId, String projectId, String reason,
                               String eventId, String reversesEventId, String replacedBy, LocalDate businessDate,
                               Instant recordedAt) {
    }

    public record MovementView(long position, String eventId, LocalDate businessDate, String kind, String factId,
                               long investedFen, long activeFen, long proceedsFen, long cityProceedsFen,
                               long partnerProceedsFen, long writtenOffFen) {
    }

    /**
     * An investment's terms and where it stands as of a date. {@code status} is ACTIVE, EXITED, WRITTEN_OFF or
     * REVERSED (NOT_YET_MADE before its date); {@code exit} is its exit unless that was reversed; {@code reversals}
     * lists the reversals of the investment and of its exits (each with its reason and event); {@code heldValueFen} is the mark of an active holding: an equity stake at
     * stake × the post-money valuation of the project's latest round closed on or after the investment (at cost
     * without such a round), a loan at cost; {@code markedBy} names that round.
     */
    public record InvestmentView(String investmentId, String fundId, String projectId, String enterpriseName,
                                 String instrument, long amountFen, Integer equityBp, LocalDate investedOn,
                                 long projectCapFen, LocalDate asOf, String status, ExitView exit, long heldValueFen,
                                 String markedBy, List<MovementView> movements, List<ReversalView> reversals) {
    }

    /**
     * A project as of a date: its seed money across funds (reversed investments left out of {@code investedFen} but
     * listed, as REVERSED), the cap in force on the date, its rounds (reversed ones listed with their reversal).
     */
    public record ProjectView(String projectId, LocalDate asOf, long investedFen, long capInForceFen,
                              long roomUnderCapFen, List<InvestmentView> investments, List<RoundView> rounds) {
    }

    public record CapVersionView(long position, LocalDate effectiveFrom, long capFen, String cap, String recordedBy,
                                 Instant recordedAt) {
    }

    public record TargetVersionView(long position, LocalDate targetDate, long targetFen, String target,
                                    String recordedBy, Instant recordedAt) {
    }
}
