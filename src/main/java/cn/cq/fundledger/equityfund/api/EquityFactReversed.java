package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;
import java.util.List;

/**
 * A wrongly recorded equity fact was reversed. It names the fact ({@code kind}, {@code factId}) and the event that
 * recorded it ({@code reversesEventId}), says why, names the corrected fact recorded with it ({@code replacedBy},
 * null when none), keeps the fact's own business date (so figures as of any later date no longer count it) and
 * carries what it undoes, exactly as the original event recorded it:
 *
 * @param amount     the fact's amount: committed, called, invested (a deal), the mark's value, an exit's proceeds,
 *                   distributed
 * @param exitedCost an exit's cost (the part of the deal's amount it sold); zero for the other kinds
 * @param portion    the part of the original holding an exit sold; null for the other kinds
 * @param parts      each partner's part of a commitment (one), a call or a distribution, as recorded; empty for
 *                   deals, marks and exits
 */
public record EquityFactReversed(ReverseEquityFact.FactKind kind, String factId, String reversesEventId,
                                 String reason, String replacedBy, String fundId, String dealId, String projectId,
                                 LocalDate businessDate, Money amount, Money exitedCost, Ratio portion,
                                 List<PartnerAmount> parts) {
}
