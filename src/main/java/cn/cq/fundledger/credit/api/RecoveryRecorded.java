package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * Money recovered on a compensated loan, shared in the loan's ratio: {@code poolShare} goes back into the
 * district's pool (never more than the pool paid for the loan), {@code bankShare} to the bank.
 */
public record RecoveryRecorded(String recoveryId, String loanId, String bankId, String district, Money amount,
                               Money poolShare, Money bankShare, LocalDate recoveredOn) {
}
