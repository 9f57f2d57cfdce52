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

    public record RoundView(String roundId, String projectId, String investor, long amountFen, long postMoneyFen,
                            LocalDate closedOn) {
    }

    public record MovementView(long position, String eventId, LocalDate businessDate, String kind, String factId,
                               long investedFen, long activeFen, long proceedsFen, long cityProceedsFen,
                               long partnerProceedsFen, long writtenOffFen) {
    }

    /**
     * An investment's terms and where it stands as of a date. {@code status} is ACTIVE, EXITED or WRITTEN_OFF
     * (NOT_YET_MADE before its date); {@code heldValueFen} is the mark of an active holding: an equity stake at
     * stake × the post-money valuation of the project's latest round closed on or after the investment (at cost
     * without such a round), a loan at cost; {@code markedBy} names that round.
     */
    public record InvestmentView(String investmentId, String fundId, String projectId, String enterpriseName,
                                 String instrument, long amountFen, Integer equityBp, LocalDate investedOn,
                                 long projectCapFen, LocalDate asOf, String status, ExitView exit, long heldValueFen,
                                 String markedBy, List<MovementView> movements) {
    }

    /** A project as of a date: its seed money across funds, the cap in force on the date, its rounds. */
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
