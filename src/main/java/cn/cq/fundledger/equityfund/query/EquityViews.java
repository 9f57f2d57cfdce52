package cn.cq.fundledger.equityfund.query;

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

    /** A call or a distribution with its parts per partner, which add up to its amount. */
    public record SharedAmountView(String id, LocalDate businessDate, long amountFen, List<PartView> parts) {
    }

    public record MarkView(LocalDate markedOn, long valueFen, String method, String recordedBy) {
    }

    public record ExitView(String exitId, LocalDate exitedOn, int portionBp, long costFen, int heldAfterBp,
                           boolean full, long proceedsFen) {
    }

    /** A deal's terms, its valuation as of a date (see {@link DealValue}), and its marks and exits up to then. */
    public record DealView(String dealId, String fundId, String projectId, String company, long amountFen,
                           int stakeBp, LocalDate closedOn, LocalDate asOf, String status, int heldBp,
                           long costHeldFen, long navFen, String navBasis, long proceedsFen, List<MarkView> marks,
                           List<ExitView> exits) {
    }
}
