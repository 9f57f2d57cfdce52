package cn.cq.fundledger.equityfund.query;

import java.time.LocalDate;

/**
 * A deal as of a date, valued for the fund's NAV.
 *
 * @param status        LIVE (all held), PARTLY_EXITED, EXITED (nothing held)
 * @param heldBp        the part of the original holding still held, in basis points
 * @param exitedCostFen the cost of the parts sold
 * @param costHeldFen   the cost of the part still held (amount − exited cost)
 * @param proceedsFen   what the exits brought in
 * @param navFen        the value of the part still held: the latest mark (not reversed) on or before the date,
 *                      scaled down by any part sold after the mark; the cost held when the deal has no such mark;
 *                      zero once exited
 * @param navBasis      MARK, COST (unmarked) or NONE (exited)
 * @param markedOn      the date of the mark used, if any
 * @param heldAtMarkBp  the part of the holding held at the end of the mark's day, if a mark is used
 * @param navEventId    the event that gives the NAV: the mark used, or the deal's closing when valued at cost
 */
public record DealValue(String dealId, String fundId, String projectId, String company, LocalDate closedOn,
                        long amountFen, int stakeBp, String status, int heldBp, long exitedCostFen, long costHeldFen,
                        long proceedsFen, long navFen, String navBasis, LocalDate markedOn, String markMethod,
                        Long markValueFen, Integer heldAtMarkBp, String navEventId) {
}
