package cn.cq.fundledger.equityfund.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the equity program's read endpoints answer. Amounts are whole fen, percentages basis points. */
public final class EquityViews {

    private EquityViews() {
    }

    public record FundView(String fundId, String name, LocalDate establishedOn) {
    }

    /**
     * A partner of a fund as of a date: committed, called (= paid in: a call is paid when it is made), still
     * uncalled, and received in distributions.
     */
    public record PartnerView(String partner, int position, long committedFen, long calledFen, long uncalledFen,
                              long distributedFen) {
    }

    /** One partner's part of a commitment, a call or a distribution. */
    public record PartnerMovementView(long position, String eventId, LocalDate businessDate, String kind,
                                      String factId, long committedFen, long calledFen, long distributedFen) {
    }

    public record PartnerAccountView(String fundId, String partner, int position, LocalDate asOf, long committedFen,
                                     long calledFen, long uncalledFen, long distributedFen,
                                     List<PartnerMovementView> movements) {
    }

    public record PartView(String partner, long amountFen) {
    }

    /**
     * The reversal of a fact: its event, when and by whom it was recorded, why, and the fact that replaced it (null
     * when none).
     */
    public record ReversalView(String eventId, Instant recordedAt, String recordedBy, String reason,
                               String replacedBy) {
    }

    /**
     * A call or a distribution as recorded, with its parts per partner, which add up to its amount; {@code reversal}
     * when it was reversed (it then counts in no figure).
     */
    public record SharedAmountView(String id, LocalDate businessDate, long amountFen, List<PartView> parts,
                                   String eventId, ReversalView reversal) {
    }

    /** A mark as recorded; {@code reversal} when it was reversed (NAV then ignores it). */
    public record MarkView(LocalDate markedOn, long valueFen, String method, String recordedBy, String eventId,
                           ReversalView reversal) {
    }

    /** An exit as recorded; {@code reversal} when it was reversed (it then sold nothing). */
    public record ExitView(String exitId, LocalDate exitedOn, int portionBp, long costFen, int heldAfterBp,
                           boolean full, long proceedsFen, String eventId, ReversalView reversal) {
    }

    /**
     * A deal's terms, its valuation as of a date (see {@link DealValue}), and its marks and exits up to then, the
     * reversed ones included and marked as such. A reversed deal has status REVERSED, {@code reversal}, and zero
     * figures.
     */
    public record DealView(String dealId, String fundId, String projectId, String company, long amountFen,
                           int stakeBp, LocalDate closedOn, LocalDate asOf, String status, int heldBp,
                           long costHeldFen, long navFen, String navBasis, long proceedsFen, List<MarkView> marks,
                           List<ExitView> exits, ReversalView reversal) {
    }

    /** A deal that was reversed, as recorded, in the deal book: it counts in no figure. */
    public record ReversedDealView(String dealId, String fundId, String projectId, String company,
                                   LocalDate closedOn, long amountFen, int stakeBp, ReversalView reversal) {
    }
}
