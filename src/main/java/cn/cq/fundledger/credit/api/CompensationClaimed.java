package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * A bank claimed compensation for a defaulted loan. The pool owes {@code poolShare} = the loan's fund share
 * of the unrecovered principal; the bank bears {@code bankShare} and all lost interest. Payment follows in
 * {@link CompensationPaid}, at once or when the pool has the money.
 */
public record CompensationClaimed(String claimId, String loanId, String bankId, String district,
                                  LocalDate claimedOn, Money unrecoveredPrincipal, Ratio fundShare,
                                  Money poolShare, Money bankShare) {
}
